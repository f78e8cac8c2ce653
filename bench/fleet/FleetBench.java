import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.the1studio.upm.core.fleet.GitHubStandIn;

/**
 * Scale benchmark of {@code upm fleet check} (see README.md): a generated fleet of REPOS repositories with PER_REPO
 * Unity packages each on the GitHub API stand-in, their published versions on a registry stand-in (npm packument
 * shape), and the real {@code bin/upm} run as a separate process, cold (no cache) and warm (previous cache and
 * conditional requests). Fails (exit 1) when a cold check takes LIMIT_SECONDS or more.
 *
 * Arguments: path to bin/upm, work folder. Environment: BENCH_REPOS (50), BENCH_PER_REPO (10), BENCH_LATENCY_MS
 * (0: per-request delay on both stand-ins), BENCH_LIMIT_SECONDS (10).
 */
public final class FleetBench {
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path upm = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int repos = Integer.parseInt(System.getenv().getOrDefault("BENCH_REPOS", "50"));
        int perRepo = Integer.parseInt(System.getenv().getOrDefault("BENCH_PER_REPO", "10"));
        long latency = Long.parseLong(System.getenv().getOrDefault("BENCH_LATENCY_MS", "0"));
        double limit = Double.parseDouble(System.getenv().getOrDefault("BENCH_LIMIT_SECONDS", "10"));

        Map<String, ObjectNode> packuments = new ConcurrentHashMap<>();
        AtomicLong registryRequests = new AtomicLong();
        HttpServer registry = registry(packuments, registryRequests, latency);
        String registryUrl = "http://127.0.0.1:" + registry.getAddress().getPort() + "/";
        try (GitHubStandIn gh = GitHubStandIn.start().requireToken("ghp_bench").delay(latency)) {
            StringBuilder file = new StringBuilder("{\"repositories\": [\n");
            Map<String, Integer> expected = new LinkedHashMap<>();
            int pkgCount = 0;
            for (int r = 0; r < repos; r++) {
                String repoName = "repo-" + r;
                GitHubStandIn.Repo repo = gh.repo("bench", repoName);
                Map<String, String> files = new LinkedHashMap<>();
                for (int p = 0; p < perRepo; p++) {
                    String name = "com.bench.r" + r + ".p" + p;
                    String version = "1." + p + ".0";
                    int kind = (r * perRepo + p) % 20;   // 16 up to date, 2 unpublished, 1 behind, 1 invalid
                    String written = kind == 19 ? "v" + version : version;
                    files.put("Packages/" + name + "/package.json", GitHubStandIn.manifest(name, written));
                    files.put("Packages/" + name + "/Runtime/Code.cs", "class C" + p + " {}\n");
                    files.put("Packages/" + name + "/Runtime/Code.cs.meta", "guid: " + r + p + "\n");
                    List<String> published = new ArrayList<>(List.of("1.0.0-preview.1"));
                    if (kind < 16) {
                        published.add(version);
                        expected.merge("up_to_date", 1, Integer::sum);
                    } else if (kind < 18) {
                        expected.merge("unpublished", 1, Integer::sum);
                    } else if (kind == 18) {
                        published.add(version);
                        published.add("9.0.0");
                        expected.merge("behind", 1, Integer::sum);
                    } else {
                        published.add(version);
                        expected.merge("invalid_manifest", 1, Integer::sum);
                    }
                    packuments.put(name, packument(name, published, registryUrl));
                    pkgCount++;
                }
                files.put("README.md", "# " + repoName + "\n");
                repo.commit("main", files);
                file.append("  {\"url\": \"https://github.com/bench/").append(repoName).append("\", \"status\": \"active\"}")
                        .append(r < repos - 1 ? ",\n" : "\n");
            }
            for (int o = 0; o < 5; o++) {
                String name = "com.bench.orphan" + o;
                packuments.put(name, packument(name, List.of("0.1.0"), registryUrl));
                expected.merge("orphaned", 1, Integer::sum);
            }
            file.append("]}\n");
            Files.createDirectories(work);
            Files.writeString(work.resolve("repositories.json"), file.toString());
            System.out.printf("fleet: %d repositories, %d packages (+5 orphans on the registry), latency %d ms per request%n",
                    repos, pkgCount, latency);

            Map<String, String> env = new LinkedHashMap<>();
            env.put("UPM_GITHUB_API", gh.apiUrl().toString());
            env.put("UPM_GITHUB_TOKEN", "ghp_bench");
            env.put("UPM_REGISTRY", registryUrl);
            env.put("UPM_REGISTRY_TOKEN", "npm_bench");

            gh.clearRequests();
            registryRequests.set(0);
            double cold = run(upm, work, env, "cold");
            int ghCold = gh.requests().size();
            long regCold = registryRequests.get();
            gh.clearRequests();
            registryRequests.set(0);
            double warm = run(upm, work, env, "warm");
            int ghWarm = gh.requests().size();
            long regWarm = registryRequests.get();

            var report = JSON.readTree(work.resolve("reports/fleet-report.json").toFile());
            System.out.println("counts: " + report.get("counts"));
            for (var e : expected.entrySet()) {
                if (report.get("counts").get(e.getKey()).asInt() != e.getValue()) {
                    System.out.println("FAIL: expected " + e.getValue() + " " + e.getKey());
                    System.exit(1);
                }
            }
            System.out.printf("cold fleet check: %.2f s (%d GitHub requests, %d registry requests)%n", cold, ghCold, regCold);
            System.out.printf("warm fleet check: %.2f s (%d GitHub requests, all conditional; %d registry requests)%n",
                    warm, ghWarm, regWarm);
            System.out.printf("limit: %.0f s -> %s%n", limit, cold < limit ? "PASS" : "FAIL");
            System.exit(cold < limit ? 0 : 1);
        } finally {
            registry.stop(0);
        }
    }

    /** Runs {@code upm fleet check} (exit code 1 is expected: the fleet has problems); returns wall seconds. */
    static double run(Path upm, Path work, Map<String, String> env, String label) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(upm.toString(), "fleet", "check", "-f", work.resolve("repositories.json")
                .toString(), "--report-dir", work.resolve("reports").toString(), "--no-notify", "-q")
                .redirectOutput(work.resolve(label + ".out").toFile()).redirectError(work.resolve(label + ".err").toFile());
        pb.environment().putAll(env);
        pb.environment().remove("UPM_DISCORD_WEBHOOK");
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(label + " run did not finish in 120 s");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (p.exitValue() != 1) {
            throw new IllegalStateException(label + " run exited " + p.exitValue() + ": "
                    + Files.readString(work.resolve(label + ".err")));
        }
        return seconds;
    }

    static ObjectNode packument(String name, List<String> versions, String registry) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", name);
        n.put("modified", "2026-01-01T00:00:00.000Z");
        String latest = versions.stream().filter(v -> !v.contains("-")).reduce((a, b) -> b).orElse(versions.get(0));
        n.putObject("dist-tags").put("latest", latest);
        ObjectNode vs = n.putObject("versions");
        for (String v : versions) {
            ObjectNode d = vs.putObject(v).put("name", name).put("version", v).putObject("dist");
            d.put("shasum", "0000000000000000000000000000000000000000");
            d.put("integrity", "sha512-AAAA");
            d.put("tarball", registry + name + "/-/" + name + "-" + v + ".tgz");
        }
        return n;
    }

    /** The npm registry's packument and search endpoints, enough for a read-only fleet check. */
    static HttpServer registry(Map<String, ObjectNode> packuments, AtomicLong requests, long latency) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setExecutor(Executors.newFixedThreadPool(8));
        s.createContext("/", ex -> {
            try (ex) {
                requests.incrementAndGet();
                if (latency > 0) {
                    Thread.sleep(latency);
                }
                String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8).substring(1);
                byte[] body;
                int status = 200;
                if (path.equals("-/v1/search")) {
                    String q = ex.getRequestURI().getQuery();
                    int from = q != null && q.contains("from=") ? Integer.parseInt(q.replaceAll(".*from=(\\d+).*", "$1")) : 0;
                    ObjectNode r = JSON.createObjectNode();
                    var objects = r.putArray("objects");
                    packuments.keySet().stream().sorted().skip(from).limit(250)
                            .forEach(n -> objects.addObject().putObject("package").put("name", n));
                    r.put("total", packuments.size());
                    body = JSON.writeValueAsBytes(r);
                } else if (packuments.containsKey(path)) {
                    body = JSON.writeValueAsBytes(packuments.get(path));
                } else {
                    status = 404;
                    body = "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8);
                }
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(status, body.length);
                ex.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        s.start();
        return s;
    }
}
