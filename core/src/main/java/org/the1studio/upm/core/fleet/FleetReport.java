package org.the1studio.upm.core.fleet;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@code upm fleet check}: one status per package and the problems that kept parts of the fleet from
 * being checked. Rendered by {@link FleetReports} as text, JSON, HTML and a Discord summary.
 *
 * @param checked      ISO-8601 time of the check
 * @param cacheTime    ISO-8601 time of the package cache it is based on
 * @param registry     the fleet's default registry
 * @param repositories number of active repositories
 * @param packages     every package, problems first then by repository and name
 * @param errors       repositories or registries that could not be read
 */
public record FleetReport(String checked, String cacheTime, String registry, int repositories,
        List<PackageStatus> packages, List<FleetProblem> errors) {

    public FleetReport {
        packages = List.copyOf(packages);
        errors = List.copyOf(errors);
    }

    /** How many packages are in each state (every state present, zero included). */
    public Map<PackageState, Integer> counts() {
        Map<PackageState, Integer> m = new EnumMap<>(PackageState.class);
        for (PackageState s : PackageState.values()) {
            m.put(s, 0);
        }
        packages.forEach(p -> m.merge(p.state(), 1, Integer::sum));
        return m;
    }

    /** Packages that need a look. */
    public List<PackageStatus> problems() {
        return packages.stream().filter(p -> p.state().isProblem()).toList();
    }

    /** True when a package needs a look or part of the fleet could not be checked. */
    public boolean hasProblems() {
        return !errors.isEmpty() || packages.stream().anyMatch(p -> p.state().isProblem());
    }

    /** 0 when everything is up to date, 1 otherwise. */
    public int exitCode() {
        return hasProblems() ? 1 : 0;
    }
}
