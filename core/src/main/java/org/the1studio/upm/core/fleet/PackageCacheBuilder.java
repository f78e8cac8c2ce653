package org.the1studio.upm.core.fleet;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds {@link PackageCache}: scans every active repository and asks the registry about every package name, in
 * parallel on bounded pools (GitHub's guidance is to avoid many concurrent requests; 8 is the default).
 *
 * <p>A repository whose branch tip is the commit recorded in the previous cache is not scanned again: its packages
 * are reused, so a refresh of an unchanged fleet costs one cheap (usually 304) request per repository plus the
 * registry lookups. A repository that cannot be read is recorded with its error and never stops the others.
 */
public final class PackageCacheBuilder {
    /** Default size of the pool. */
    public static final int DEFAULT_PARALLELISM = 8;

    private final RepositorySource source;
    private final PackumentSource packuments;
    private final String defaultRegistry;
    private final int parallelism;
    private final boolean searchRegistry;
    private final FleetListener listener;
    private final Clock clock;

    /**
     * @param source          where repositories are read
     * @param packuments      where registries are asked
     * @param defaultRegistry the fleet's registry (entries may override it)
     * @param parallelism     pool size, 1..64
     * @param searchRegistry  also list every package of each registry, to find packages no repository has
     * @param listener        progress
     */
    public PackageCacheBuilder(RepositorySource source, PackumentSource packuments, URI defaultRegistry,
            int parallelism, boolean searchRegistry, FleetListener listener) {
        this(source, packuments, defaultRegistry, parallelism, searchRegistry, listener, Clock.systemUTC());
    }

    PackageCacheBuilder(RepositorySource source, PackumentSource packuments, URI defaultRegistry, int parallelism,
            boolean searchRegistry, FleetListener listener, Clock clock) {
        this.source = source;
        this.packuments = packuments;
        this.defaultRegistry = normalize(defaultRegistry.toString());
        this.parallelism = Math.max(1, Math.min(64, parallelism));
        this.searchRegistry = searchRegistry;
        this.listener = listener == null ? FleetListener.SILENT : listener;
        this.clock = clock;
    }

    /**
     * Scans the active repositories of {@code registry}; {@code previous} (nullable) allows reuse. Repository scans
     * and registry lookups run on two pools of {@code parallelism} threads each (two different servers), pipelined:
     * a repository's packages are looked up as soon as its scan is done.
     */
    public PackageCache build(RepositoryRegistry registry, PackageCache previous) {
        String now = Instant.now(clock).toString();
        List<RepositoryEntry> active = registry.withStatus(RepoStatus.ACTIVE);
        ExecutorService scanPool = pool("upm-fleet-scan");
        ExecutorService lookupPool = pool("upm-fleet-registry");
        try {
            Map<String, Future<PublishedPackage>> lookups = new java.util.concurrent.ConcurrentHashMap<>();
            AtomicInteger reused = new AtomicInteger();
            List<Future<CachedRepository>> scans = new ArrayList<>();
            for (RepositoryEntry e : active) {
                scans.add(scanPool.submit(() -> {
                    CachedRepository r = scanOne(e, previous, reused);
                    for (CachedPackage p : r.packages()) {
                        if (p.name() != null) {
                            ask(lookupPool, lookups, r.registry(), p.name());
                        }
                    }
                    return r;
                }));
            }
            if (previous != null) {
                for (KnownPackage k : previous.known()) {
                    ask(lookupPool, lookups, k.registry(), k.name());
                }
            }
            Set<String> registries = new LinkedHashSet<>();
            registries.add(defaultRegistry);
            active.forEach(e -> registries.add(e.registry() == null ? defaultRegistry : normalize(e.registry())));
            if (searchRegistry) {
                for (String reg : registries) {
                    try {
                        Collection<String> names = packuments.catalog(reg);
                        names.forEach(n -> ask(lookupPool, lookups, reg, n));
                        listener.info(reg + " lists " + names.size() + " packages");
                    } catch (FleetSourceException ex) {
                        listener.warn(ex.getMessage());
                    }
                }
            }
            List<CachedRepository> repos = new ArrayList<>();
            for (Future<CachedRepository> f : scans) {
                repos.add(get(f));
            }
            long failed = repos.stream().filter(r -> !r.ok()).count();
            listener.info("scanned " + repos.size() + " active repositories (" + reused.get() + " unchanged since the"
                    + " last cache" + (failed > 0 ? ", " + failed + " failed" : "") + ")");
            List<PublishedPackage> published = new ArrayList<>();
            for (Future<PublishedPackage> f : new ArrayList<>(lookups.values())) {
                published.add(get(f));
            }
            published.sort(java.util.Comparator.comparing(PublishedPackage::registry).thenComparing(PublishedPackage::name));
            long registryErrors = published.stream().filter(p -> p.error() != null).count();
            listener.info("asked the registry about " + published.size() + " package names"
                    + (registryErrors > 0 ? " (" + registryErrors + " could not be asked)" : ""));
            return new PackageCache(PackageCache.SCHEMA, now, defaultRegistry, source.name(), repos, published,
                    known(previous, repos, now));
        } finally {
            scanPool.shutdownNow();
            lookupPool.shutdownNow();
        }
    }

    private void ask(ExecutorService pool, Map<String, Future<PublishedPackage>> lookups, String registry, String name) {
        lookups.computeIfAbsent(PublishedPackage.key(registry, name),
                k -> pool.submit(() -> packuments.lookup(registry, name)));
    }

    private ExecutorService pool(String name) {
        return Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the package cache", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a cache task failed unexpectedly", e.getCause());
        }
    }

    private CachedRepository scanOne(RepositoryEntry e, PackageCache previous, AtomicInteger reused) {
        String reg = e.registry() == null ? defaultRegistry : normalize(e.registry());
        try {
            RepositorySource.Scan tip = source.tip(e);
            CachedRepository before = previous == null || !source.name().equals(previous.source()) ? null
                    : previous.repository(e.url()).orElse(null);
            if (before != null && before.ok() && tip.commit().equals(before.commit()) && tip.branch().equals(before.branch())) {
                reused.incrementAndGet();
                return new CachedRepository(e.url(), e.status(), tip.branch(), tip.commit(), reg, null, before.notices(),
                        before.packages());
            }
            RepositorySource.Scan scan = source.scan(e, tip);
            return new CachedRepository(e.url(), e.status(), scan.branch(), scan.commit(), reg, null, scan.notices(),
                    scan.packages());
        } catch (FleetSourceException ex) {
            listener.warn(ex.getMessage());
            return new CachedRepository(e.url(), e.status(), e.branch(), null, reg, ex.getMessage(), List.of(), List.of());
        } catch (RuntimeException ex) {
            String m = e.ref().fullName() + ": unexpected failure: " + ex;
            listener.warn(m);
            return new CachedRepository(e.url(), e.status(), e.branch(), null, reg, m, List.of(), List.of());
        }
    }

    private static List<KnownPackage> known(PackageCache previous, List<CachedRepository> repos, String now) {
        Map<String, KnownPackage> known = new LinkedHashMap<>();
        if (previous != null) {
            previous.known().forEach(k -> known.put(PublishedPackage.key(k.registry(), k.name()), k));
        }
        for (CachedRepository r : repos) {
            for (CachedPackage p : r.packages()) {
                if (p.name() != null) {
                    known.put(PublishedPackage.key(r.registry(), p.name()), new KnownPackage(p.name(), r.registry(), r.url(), now));
                }
            }
        }
        return new ArrayList<>(known.values());
    }

    static String normalize(String registry) {
        return registry.endsWith("/") ? registry : registry + "/";
    }
}
