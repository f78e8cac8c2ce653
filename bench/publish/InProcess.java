import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.the1studio.upm.core.changelog.ChangelogMode;
import org.the1studio.upm.core.publish.Outcome;
import org.the1studio.upm.core.publish.PublishEngine;
import org.the1studio.upm.core.publish.PublishListener;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.PublishRequest;
import org.the1studio.upm.core.secret.Secret;

/**
 * The engine called in-process with a warm JVM, as the Jenkins agent runs it: one JVM publishes a fresh package
 * WARMUP + RUNS times and prints the median wall time of the measured runs (milliseconds) on the last line.
 *
 * <p>Run by bench/publish/run.sh: {@code java -cp cli/target/upm.jar bench/publish/InProcess.java WORKDIR FILES BYTES RUNS}
 * with UPM_REGISTRY and UPM_REGISTRY_TOKEN set.
 */
public class InProcess {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int files = Integer.parseInt(args[1]);
        long bytes = Long.parseLong(args[2]);
        int runs = Integer.parseInt(args[3]);
        int warmup = 3;
        URI registry = URI.create(System.getenv("UPM_REGISTRY"));
        Secret token = Secret.of(System.getenv("UPM_REGISTRY_TOKEN"));
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            String name = "com.bench.inprocess" + ProcessHandle.current().pid() + ".p" + i;
            Path repo = work.resolve("inprocess-" + i);
            makePackage(repo.resolve("Packages/" + name), name, files, bytes);
            try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
                git.add().addFilepattern(".").call();
                git.commit().setMessage("init").setAuthor("b", "b@example.com").setCommitter("b", "b@example.com")
                        .setSign(false).call();
            }
            PublishRequest request = PublishRequest.builder(repo).registry(registry).token(token)
                    .changelogMode(ChangelogMode.OFF).commitChangelog(false).auditDir(work.resolve("audit")).build();
            long start = System.nanoTime();
            PublishReport report = new PublishEngine().publish(request, PublishListener.SILENT);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (report.packages().size() != 1 || report.packages().get(0).outcome() != Outcome.PUBLISHED) {
                throw new IllegalStateException("run " + i + " did not publish: " + report.packages());
            }
            if (i >= warmup) {
                times.add(ms);
            }
        }
        Collections.sort(times);
        System.out.println(times.get(times.size() / 2));
    }

    private static void makePackage(Path dir, String name, int files, long total) throws Exception {
        Files.createDirectories(dir.resolve("Runtime"));
        Files.writeString(dir.resolve("package.json"), "{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"unity\":\"2022.3\","
                + "\"displayName\":\"bench\",\"description\":\"bench\"}\n");
        Random random = new Random(42);
        int per = (int) Math.max(1, total / files);
        for (int i = 0; i < files / 2; i++) {
            byte[] data = new byte[per];
            random.nextBytes(data);
            Path asset = dir.resolve("Runtime/Asset" + i + ".bytes");
            Files.write(asset, data);
            Files.writeString(dir.resolve("Runtime/Asset" + i + ".bytes.meta"), "fileFormatVersion: 2\nguid: "
                    + String.format("%032x", i) + "\n");
        }
    }
}
