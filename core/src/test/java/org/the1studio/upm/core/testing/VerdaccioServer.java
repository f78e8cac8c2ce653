package org.the1studio.upm.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The real Verdaccio (pinned in {@code tools/verdaccio}) as a test fixture: a private npm registry on 127.0.0.1 with a
 * random free port, its own temporary storage and a generated {@code config.yaml}.
 *
 * <p>Why a real registry: the engine's registry protocol, and what the npm CLI later reads back, are only proven against
 * the server our users run. The generated configuration is locked down like a studio registry: htpasswd auth, every
 * package ({@code **} and {@code @*}{@code /*}) needs {@code $authenticated} for access and publish, no uplinks (nothing
 * is ever proxied to npmjs.org), JWT API tokens (so a token check does not run bcrypt on every request), and a
 * {@code max_body_size} of 1 GB for large-upload tests. Note: Verdaccio 6 (like the npm CLI) holds a publish document in
 * one JavaScript string, so the largest tarball it accepts is about 383 MiB (base64 of it = 2^29-24 characters); a
 * bigger upload crashes the Verdaccio process (uncaught RangeError). {@code RegistrySettings.maxRequestBytes} refuses
 * such uploads by default.
 *
 * <p>Usage: {@code try (VerdaccioServer v = VerdaccioServer.start()) { ... v.url() ... v.token() ... }}. A user
 * ({@link #user()}) is created at start and its token kept. {@link #shared()} gives one server per JVM for test classes
 * that only need unique package names ({@link #uniqueName(String)}). {@link #npm(Path, String...)} runs the real npm CLI
 * against this registry with a temporary {@code --userconfig} (never the developer's {@code ~/.npmrc}) and a private
 * cache.
 *
 * <p>Where Verdaccio comes from: system property {@code upm.verdaccio.dir} (the core and cli poms set it to
 * {@code <root>/tools/verdaccio}), else the first {@code tools/verdaccio} found walking up from the working directory.
 * It must contain {@code node_modules} (run {@code npm ci} there). {@code node} and {@code npm} must be on the PATH.
 */
public final class VerdaccioServer implements AutoCloseable {
    /** System property naming the directory that holds Verdaccio's {@code node_modules}. */
    public static final String DIR_PROPERTY = "upm.verdaccio.dir";
    /** The user created at start. */
    public static final String DEFAULT_USER = "upm-test";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(3);
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static volatile VerdaccioServer shared;

    private final Process process;
    private final Path home;
    private final int port;
    private final HttpClient http;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger npmRuns = new AtomicInteger();
    private final Thread stopAtExit = new Thread(this::stop, "verdaccio-stop");
    private volatile boolean stopped;

    private VerdaccioServer(Process process, Path home, int port, HttpClient http) {
        this.process = process;
        this.home = home;
        this.port = port;
        this.http = http;
        Runtime.getRuntime().addShutdownHook(stopAtExit); // no orphaned node process when a test JVM is killed
    }

    /** Starts a fresh Verdaccio with empty storage and one user ({@link #user()}); typically well under 2 s. */
    public static VerdaccioServer start() {
        Path dir = verdaccioDir();
        Path bin = dir.resolve("node_modules/verdaccio/bin/verdaccio");
        if (!Files.isRegularFile(bin)) {
            throw new IllegalStateException("Verdaccio is not installed in " + dir + " (no " + bin
                    + "): run npm ci in tools/verdaccio (cd " + dir + " && npm ci --no-audit --no-fund)");
        }
        Path home;
        try {
            home = Files.createTempDirectory("upm-verdaccio-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                VerdaccioServer server = launch(dir, bin, home, freePort());
                try {
                    server.tokens.put(DEFAULT_USER, server.register(DEFAULT_USER));
                } catch (RuntimeException e) {
                    server.stop();
                    throw e;
                }
                return server;
            } catch (PortTakenException e) {
                last = e; // someone grabbed the port between probing and binding: try another
            } catch (RuntimeException e) {
                deleteTree(home);
                throw e;
            }
        }
        deleteTree(home);
        throw last;
    }

    /**
     * One server for the whole test JVM, started on first use and stopped at JVM exit. Tests that use it must not
     * depend on an empty registry: give packages {@link #uniqueName(String)}. Do not {@link #close()} it.
     */
    public static VerdaccioServer shared() {
        VerdaccioServer s = shared;
        if (s == null || s.stopped) {
            synchronized (VerdaccioServer.class) {
                s = shared;
                if (s == null || s.stopped) {
                    s = start();
                    shared = s;
                }
            }
        }
        return s;
    }

    /** A package name unique in this JVM: {@code prefix + "." + n + random} (lowercase, valid for npm and UPM). */
    public static String uniqueName(String prefix) {
        return prefix + ".t" + NAMES.incrementAndGet() + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Registry URL, always with a trailing slash: {@code http://127.0.0.1:<port>/}. */
    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** {@link #url()} as a URI. */
    public URI uri() {
        return URI.create(url());
    }

    /** The TCP port. */
    public int port() {
        return port;
    }

    /** The name of the user created at start. */
    public String user() {
        return DEFAULT_USER;
    }

    /** That user's API token (a JWT with publish rights on every package). */
    public String token() {
        return tokens.get(DEFAULT_USER);
    }

    /** The token of a user created with {@link #createUser(String)} (or of {@link #user()}). */
    public String token(String user) {
        String t = tokens.get(user);
        if (t == null) {
            throw new IllegalArgumentException("no user " + user + " was created on this server");
        }
        return t;
    }

    /** Creates another user and returns its token (idempotent: an existing user's token is returned). */
    public String createUser(String name) {
        return tokens.computeIfAbsent(name, this::register);
    }

    /** Verdaccio's storage directory (one folder per package). */
    public Path storage() {
        return home.resolve("storage");
    }

    /** The server's log so far (for failure messages). */
    public String log() {
        try {
            return Files.readString(home.resolve("verdaccio.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Runs the real npm CLI ({@code npm <args> --userconfig <temp .npmrc>}) in {@code dir}, authenticated as
     * {@link #user()}.
     */
    public NpmResult npm(Path dir, String... args) {
        return npmWithToken(token(), dir, args);
    }

    /**
     * Runs npm like {@link #npm(Path, String...)} with the given token ({@code null} = anonymous). The .npmrc holds
     * only {@code registry=} and {@code //127.0.0.1:<port>/:_authToken=}; the cache is private to this server; update
     * notifier, audit and fund are off; inherited {@code npm_config_*} variables are dropped.
     */
    public NpmResult npmWithToken(String token, Path dir, String... args) {
        int n = npmRuns.incrementAndGet();
        try {
            Path npmrc = home.resolve("npmrc-" + n);
            StringBuilder rc = new StringBuilder("registry=").append(url()).append('\n');
            if (token != null) {
                rc.append("//127.0.0.1:").append(port).append("/:_authToken=").append(token).append('\n');
            }
            Files.writeString(npmrc, rc.toString(), StandardCharsets.UTF_8);
            Path globalrc = home.resolve("npm-globalrc");
            if (!Files.exists(globalrc)) {
                Files.writeString(globalrc, "");
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(isWindows() ? "npm.cmd" : "npm");
            cmd.addAll(List.of(args));
            cmd.add("--userconfig");
            cmd.add(npmrc.toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).startsWith("npm_config_"));
            env.put("npm_config_cache", home.resolve("npm-cache").toString());
            env.put("npm_config_globalconfig", globalrc.toString());
            env.put("npm_config_update_notifier", "false");
            env.put("npm_config_audit", "false");
            env.put("npm_config_fund", "false");
            Path out = home.resolve("npm-" + n + ".out");
            Path err = home.resolve("npm-" + n + ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(NPM_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                kill(p);
                throw new IllegalStateException("npm " + String.join(" ", args) + " did not finish within "
                        + NPM_TIMEOUT + "; stderr so far:\n" + Files.readString(err));
            }
            NpmResult result = new NpmResult(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(npmrc);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run npm (is it on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running npm", e);
        }
    }

    /** Stops Verdaccio (the whole process tree) and deletes its storage. Idempotent; also runs at JVM exit. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        kill(process);
        deleteTree(home);
        if (Thread.currentThread() != stopAtExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs (or ran) anyway
            }
        }
    }

    /** Kills the process of a server that failed to start, keeping its directory (a retry may reuse it). */
    private void abandon() {
        kill(process);
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // fine
        }
    }

    @Override
    public void close() {
        if (this != shared) {
            stop();
        }
    }

    @Override
    public String toString() {
        return "Verdaccio at " + url();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static VerdaccioServer launch(Path dir, Path bin, Path home, int port) {
        Path config = home.resolve("config.yaml");
        Path log = home.resolve("verdaccio.log");
        try {
            Files.createDirectories(home.resolve("storage"));
            Files.writeString(config, config(home), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String node = System.getProperty("upm.node", isWindows() ? "node.exe" : "node");
        ProcessBuilder pb = new ProcessBuilder(node, bin.toString(), "--config", config.toString(),
                "--listen", "127.0.0.1:" + port).directory(home.toFile());
        pb.environment().keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).startsWith("npm_config_"));
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p;
        try {
            p = pb.start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Verdaccio with '" + node + "' (is Node.js on the PATH?): "
                    + e.getMessage(), e);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        VerdaccioServer server = new VerdaccioServer(p, home, port, http);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(server.url() + "-/ping")).timeout(Duration.ofSeconds(5))
                .GET().build();
        while (true) {
            if (!p.isAlive()) {
                server.abandon();
                String text = server.log();
                if (text.contains("EADDRINUSE")) {
                    throw new PortTakenException(port);
                }
                throw new IllegalStateException("Verdaccio exited with " + p.exitValue() + " while starting:\n" + text);
            }
            try {
                HttpResponse<Void> res = http.send(ping, HttpResponse.BodyHandlers.discarding());
                if (res.statusCode() == 200) {
                    return server;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.abandon();
                throw new IllegalStateException("interrupted while starting Verdaccio", e);
            }
            if (System.nanoTime() > deadline) {
                server.abandon();
                throw new IllegalStateException("Verdaccio did not answer /-/ping within " + START_TIMEOUT
                        + ":\n" + server.log());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.abandon();
                throw new IllegalStateException("interrupted while starting Verdaccio", e);
            }
        }
    }

    private static String config(Path home) {
        String storage = yamlPath(home.resolve("storage"));
        String htpasswd = yamlPath(home.resolve("htpasswd"));
        String access = """
                    access: $authenticated
                    publish: $authenticated
                    unpublish: $authenticated
                """;
        return "storage: " + storage + "\n"
                + """
                web:
                  enable: true
                  title: upm-test
                auth:
                  htpasswd:
                """
                + "    file: " + htpasswd + "\n"
                + """
                    max_users: 1000
                    algorithm: bcrypt
                    rounds: 4
                security:
                  api:
                    legacy: false
                    jwt:
                      sign:
                        expiresIn: 7d
                  web:
                    sign:
                      expiresIn: 7d
                packages:
                  '@*/*':
                """ + access + "  '**':\n" + access
                + """
                max_body_size: 1gb
                server:
                  keepAliveTimeout: 60
                log: { type: stdout, format: json, level: warn }
                """;
    }

    private static String yamlPath(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    private String register(String name) {
        ObjectNode body = JSON.createObjectNode();
        body.put("_id", "org.couchdb.user:" + name);
        body.put("name", name);
        body.put("password", "pw-" + UUID.randomUUID());
        body.put("type", "user");
        body.putArray("roles");
        body.put("date", java.time.Instant.now().toString());
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url() + "-/user/org.couchdb.user:" + name))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            JsonNode json = res.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(res.body());
            String token = json.path("token").asText(null);
            if (res.statusCode() / 100 != 2 || token == null) {
                throw new IllegalStateException("Verdaccio refused to create user " + name + ": HTTP "
                        + res.statusCode() + " " + res.body());
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create user " + name + " on " + url(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Path verdaccioDir() {
        String prop = System.getProperty(DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("tools/verdaccio");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find Verdaccio: set -D" + DIR_PROPERTY
                + "=<repo>/tools/verdaccio (and run npm ci in tools/verdaccio)");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static void kill(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp directory
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /**
     * What a run of the real npm CLI ({@link #npm}) produced, so tests can assert on all three.
     *
     * @param exitCode the process exit code (0 = success)
     * @param stdout   everything npm wrote to standard output
     * @param stderr   everything npm wrote to standard error
     */
    public record NpmResult(int exitCode, String stdout, String stderr) {

        /** Whether npm exited with 0. */
        public boolean ok() {
            return exitCode == 0;
        }

        /** This result when npm succeeded; otherwise an {@link AssertionError} carrying npm's output. */
        public NpmResult requireOk() {
            if (exitCode != 0) {
                throw new AssertionError("npm exited with " + exitCode + "\n--- stdout ---\n" + stdout
                        + "\n--- stderr ---\n" + stderr);
            }
            return this;
        }
    }

    /** The probed port was taken before Verdaccio could bind it. */
    private static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(int port) {
            super("port " + port + " was taken before Verdaccio could listen on it");
        }
    }
}
