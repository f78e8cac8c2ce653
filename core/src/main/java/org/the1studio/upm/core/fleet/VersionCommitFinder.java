package org.the1studio.upm.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.the1studio.upm.core.io.Json;

/**
 * Finds the commit that set a package's version: walking the branch's first-parent history back from its tip, the
 * oldest commit of the unbroken run in which the manifest has that name and version. That is the commit the publish
 * job would have built when the version was pushed (for a merged pull request, the merge commit), so re-publishing
 * from it reproduces exactly what should have been published, not whatever the branch holds today.
 *
 * <p>Moves are followed: when the manifest is not at its path in an older commit, that commit's manifests are searched
 * for the same name.
 */
public final class VersionCommitFinder {
    /** Safety limit on the history walked. */
    static final int MAX_COMMITS = 100_000;

    /**
     * Where the version was set.
     *
     * @param commit       the commit id
     * @param manifestPath the manifest's path in that commit
     * @param subject      the commit's subject line
     */
    public record Found(String commit, String manifestPath, String subject) {}

    private VersionCommitFinder() {}

    /**
     * @param repo         the repository (a clone)
     * @param tip          the branch tip to walk back from
     * @param manifestPath the manifest's path at the tip
     * @param name         package name
     * @param version      version to find
     * @return empty when the tip's manifest does not have that name and version
     */
    public static Optional<Found> find(Repository repo, ObjectId tip, String manifestPath, String name, String version)
            throws IOException {
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(tip));
            Found found = null;
            String path = manifestPath;
            int n = 0;
            for (RevCommit c : walk) {
                if (++n > MAX_COMMITS) {
                    break;
                }
                String at = matches(reader, c, path, name, version) ? path : search(reader, c, name, version);
                if (at == null) {
                    break;
                }
                path = at;
                found = new Found(c.name(), at, c.getShortMessage());
            }
            return Optional.ofNullable(found);
        }
    }

    private static boolean matches(ObjectReader reader, RevCommit c, String path, String name, String version)
            throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(reader, path, c.getTree())) {
            return tw != null && same(reader.open(tw.getObjectId(0)).getBytes(), name, version);
        }
    }

    /** The path of a manifest with this name and version in {@code c}, or null. */
    private static String search(ObjectReader reader, RevCommit c, String name, String version) throws IOException {
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            tw.setFilter(PathSuffixFilter.create("package.json"));
            while (tw.next()) {
                if (ManifestScan.candidate(tw.getPathString()) && same(reader.open(tw.getObjectId(0)).getBytes(), name, version)) {
                    return tw.getPathString();
                }
            }
        }
        return null;
    }

    private static boolean same(byte[] bytes, String name, String version) {
        try {
            JsonNode n = Json.readTree(bytes);
            return n != null && name.equals(n.path("name").asText(null)) && version.equals(n.path("version").asText(null));
        } catch (IOException e) {
            return false;
        }
    }
}
