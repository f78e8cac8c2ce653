package org.the1studio.upm.core.gitops;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * Push and fetch with the git command line, for remotes whose credentials only the CI's git knows (ssh agent,
 * credential helper, {@code GIT_ASKPASS}). Never prompts ({@code GIT_TERMINAL_PROMPT=0}).
 */
final class CliGitRemote implements GitRemote {
    private final Repository repo;
    private final Path workTree;
    private final String remote;
    private final long timeoutSeconds;

    CliGitRemote(Repository repo, Path workTree, String remote, long timeoutSeconds) {
        this.repo = repo;
        this.workTree = workTree;
        this.remote = remote;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Whether a git command line can be run at all. */
    static boolean available(Path dir) {
        try {
            return run(dir, 20, "--version").exit == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "git";
    }

    @Override
    public PushOutcome push(ObjectId commit, String branch) {
        Result r;
        try {
            r = run(workTree, timeoutSeconds, "push", "--porcelain", "--no-verify", remote,
                    commit.name() + ":refs/heads/" + branch);
        } catch (IOException e) {
            return new PushOutcome(Status.FAILED, e.getMessage());
        }
        if (r.exit == 0) {
            return new PushOutcome(Status.OK, "ok");
        }
        String rejected = null;
        List<String> remoteSaid = new ArrayList<>();
        for (String line : r.output.split("\n")) {
            if (line.startsWith("!")) {
                String[] fields = line.split("\t");
                rejected = (fields.length >= 3 ? fields[2] : line.substring(1)).strip();
            } else if (line.startsWith("remote:") && !line.substring(7).isBlank()) {
                remoteSaid.add(line.substring(7).strip());
            }
        }
        if (rejected == null) {
            return new PushOutcome(Status.FAILED, "git push exited with " + r.exit + tail(r.output));
        }
        String lower = rejected.toLowerCase(Locale.ROOT);
        if (lower.contains("non-fast-forward") || lower.contains("fetch first") || lower.contains("stale info")) {
            return new PushOutcome(Status.NON_FAST_FORWARD, rejected);
        }
        String said = String.join(" ", remoteSaid);
        if (said.length() > 300) {
            said = said.substring(0, 297) + "...";
        }
        return new PushOutcome(Status.REJECTED, rejected + (said.isEmpty() ? "" : ": " + said));
    }

    @Override
    public ObjectId fetch(String branch) throws IOException {
        String tracking = "refs/remotes/" + remote + "/" + branch;
        Result r = run(workTree, timeoutSeconds, "fetch", "--quiet", "--no-tags", remote,
                "+refs/heads/" + branch + ":" + tracking);
        if (r.exit != 0) {
            if (r.output.contains("couldn't find remote ref")) {
                return null;
            }
            throw new IOException("git fetch " + remote + " " + branch + " exited with " + r.exit + tail(r.output));
        }
        Ref ref = repo.exactRef(tracking);
        return ref == null ? null : ref.getObjectId();
    }

    private static String tail(String output) {
        String o = output.strip();
        if (o.isEmpty()) {
            return "";
        }
        return ": " + (o.length() > 400 ? "..." + o.substring(o.length() - 400) : o);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, long timeoutSeconds, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        Path out = Files.createTempFile("upm-git-", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(
                            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                                    ? "NUL" : "/dev/null")))
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("GIT_TERMINAL_PROMPT", "0");
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            try {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("git " + args[0] + " timed out after " + timeoutSeconds + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running git " + args[0], e);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
