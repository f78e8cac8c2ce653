package org.the1studio.upm.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.the1studio.upm.core.io.Json;
import org.the1studio.upm.core.registry.Packument;
import org.the1studio.upm.core.registry.PublishedVersion;
import org.the1studio.upm.core.registry.RegistryClient;
import org.the1studio.upm.core.registry.RegistryException;
import org.the1studio.upm.core.registry.RegistrySettings;
import org.the1studio.upm.core.secret.Secret;

/**
 * Reads packuments through the engine's {@link RegistryClient} (one per registry URL, shared by the pool's threads),
 * and lists a registry's packages with the npm search API ({@code GET /-/v1/search}), which Verdaccio serves for
 * its own packages.
 */
public final class RegistryPackuments implements PackumentSource {
    private static final int PAGE = 250;
    private static final int MAX_NAMES = 20_000;

    private final Secret token;
    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** @param token registry token for reads (Verdaccio may require one), or {@code null} */
    public RegistryPackuments(Secret token) {
        this.token = token;
    }

    @Override
    public PublishedPackage lookup(String registry, String name) {
        try {
            Optional<Packument> p = client(registry).packument(name);
            if (p.isEmpty()) {
                return new PublishedPackage(registry, name, false, List.of(), List.of(), Map.of(), null);
            }
            List<String> versions = new ArrayList<>(p.get().versions().keySet());
            List<String> deprecated = p.get().versions().values().stream().filter(PublishedVersion::deprecated)
                    .map(PublishedVersion::version).toList();
            return new PublishedPackage(registry, name, true, versions, deprecated, new LinkedHashMap<>(p.get().distTags()),
                    null);
        } catch (RegistryException e) {
            return new PublishedPackage(registry, name, false, List.of(), List.of(), Map.of(),
                    redact(e.getMessage()));
        } catch (RuntimeException e) {
            return new PublishedPackage(registry, name, false, List.of(), List.of(), Map.of(),
                    "cannot ask " + registry + " for " + name + ": " + e.getClass().getSimpleName());
        }
    }

    @Override
    public Collection<String> catalog(String registry) throws FleetSourceException {
        Set<String> names = new LinkedHashSet<>();
        URI base = URI.create(registry.endsWith("/") ? registry : registry + "/");
        for (int from = 0; from < MAX_NAMES; from += PAGE) {
            URI uri = base.resolve("-/v1/search?text=&size=" + PAGE + "&from=" + from);
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json");
            if (token != null) {
                b.header("Authorization", "Bearer " + token.reveal());
            }
            try {
                HttpResponse<byte[]> r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new FleetSourceException(registry + " does not list its packages (GET /-/v1/search answered "
                            + r.statusCode() + "); orphans are found only among names the cache has seen", null);
                }
                JsonNode objects = Json.MAPPER.readTree(r.body()).path("objects");
                int before = names.size();
                for (JsonNode o : objects) {
                    String name = o.path("package").path("name").asText(null);
                    if (name != null) {
                        names.add(name);
                    }
                }
                if (objects.size() < PAGE || names.size() == before) {
                    break;
                }
            } catch (IOException e) {
                throw new FleetSourceException("cannot list the packages of " + registry + ": " + redact(e.getMessage()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FleetSourceException("interrupted", e);
            }
        }
        return names;
    }

    private RegistryClient client(String registry) {
        return clients.computeIfAbsent(registry, r -> new RegistryClient(RegistrySettings.of(r, token)));
    }

    private String redact(String s) {
        return token == null || s == null ? s : token.redact(s);
    }

    @Override
    public void close() {
        clients.values().forEach(RegistryClient::close);
        clients.clear();
    }
}
