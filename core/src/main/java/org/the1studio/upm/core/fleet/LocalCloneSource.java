package org.the1studio.upm.core.fleet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;

/** Reads repositories from local clones ({@link LocalClones}): no API calls, no rate limit, any size. */
public final class LocalCloneSource implements RepositorySource {
    private final LocalClones clones;

    public LocalCloneSource(LocalClones clones) {
        this.clones = clones;
    }

    @Override
    public String name() {
        return "clones";
    }

    @Override
    public Scan tip(RepositoryEntry entry) throws FleetSourceException {
        try (Repository repo = clones.open(entry)) {
            String branch = LocalClones.branch(repo, entry);
            ObjectId tip = LocalClones.tip(repo, branch);
            if (tip == null) {
                throw new FleetSourceException(entry.ref().fullName() + ": branch " + branch + " not found in the clone "
                        + clones.pathOf(entry.ref()), null);
            }
            return new Scan(branch, tip.name(), List.of(), List.of());
        } catch (IOException e) {
            throw new FleetSourceException(entry.ref().fullName() + ": cannot read the clone: " + e.getMessage(), e);
        }
    }

    @Override
    public Scan scan(RepositoryEntry entry, Scan tip) throws FleetSourceException {
        try (Repository repo = clones.open(entry); RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(walk.parseCommit(ObjectId.fromString(tip.commit())).getTree());
            tw.setRecursive(true);
            tw.setFilter(PathSuffixFilter.create("package.json"));
            List<CachedPackage> packages = new ArrayList<>();
            List<String> notices = new ArrayList<>();
            ObjectReader reader = repo.newObjectReader();
            while (tw.next()) {
                String path = tw.getPathString();
                if (ManifestScan.candidate(path) && tw.getFileMode(0).getObjectType() == org.eclipse.jgit.lib.Constants.OBJ_BLOB) {
                    byte[] bytes = reader.open(tw.getObjectId(0)).getBytes();
                    ManifestScan.read(path, bytes, notices).ifPresent(packages::add);
                }
            }
            return new Scan(tip.branch(), tip.commit(), packages, notices);
        } catch (IOException e) {
            throw new FleetSourceException(entry.ref().fullName() + ": cannot read " + tip.commit() + " in the clone: "
                    + e.getMessage(), e);
        }
    }
}
