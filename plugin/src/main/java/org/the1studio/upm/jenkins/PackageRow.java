package org.the1studio.upm.jenkins;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.the1studio.upm.core.publish.Outcome;
import org.the1studio.upm.core.publish.PackageOutcome;

/**
 * One package of a publish, as Jenkins keeps it: a line of the run page table, a map in the step's return value.
 *
 * <p>Why not core's {@link PackageOutcome}: this object crosses the agent channel and is stored in {@code build.xml},
 * so it holds only strings and numbers, in a class of the plugin (which Jenkins' class filter accepts).
 */
public final class PackageRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String path;
    private final String oldVersion;
    private final String newVersion;
    private final String bump;
    private final String action;
    private final String outcome;
    private final String reason;
    private final String distTag;
    private final String shasum;
    private final String integrity;
    private final long tarballSize;
    private final String changelogPath;
    private final String changelogUrl;
    private final String registryUrl;
    private final long durationMillis;

    PackageRow(PackageOutcome o, String registryUrl, String changelogUrl) {
        this.name = o.name();
        this.path = o.path();
        this.oldVersion = o.oldVersion();
        this.newVersion = o.newVersion();
        this.bump = o.bump() == null ? null : o.bump().name();
        this.action = o.action() == null ? null : o.action().name();
        this.outcome = o.outcome().name();
        this.reason = o.reason();
        this.distTag = o.distTag();
        this.shasum = o.shasum();
        this.integrity = o.integrity();
        this.tarballSize = o.tarballSize();
        this.changelogPath = o.changelogPath();
        this.changelogUrl = changelogUrl;
        this.registryUrl = registryUrl;
        this.durationMillis = o.duration() == null ? 0 : o.duration().toMillis();
    }

    public String getName() {
        return name;
    }

    public String getPath() {
        return path;
    }

    public String getOldVersion() {
        return oldVersion;
    }

    public String getNewVersion() {
        return newVersion;
    }

    public String getBump() {
        return bump;
    }

    public String getAction() {
        return action;
    }

    /** {@code PUBLISHED}, {@code WOULD_PUBLISH} (dry run), {@code SKIPPED} or {@code FAILED}. */
    public String getOutcome() {
        return outcome;
    }

    public String getReason() {
        return reason;
    }

    public String getDistTag() {
        return distTag;
    }

    public String getChangelogPath() {
        return changelogPath;
    }

    /** Where the changelog can be read (GitHub repositories only), or {@code null}. */
    public String getChangelogUrl() {
        return changelogUrl;
    }

    /** The package's page on the registry, or {@code null}. */
    public String getRegistryUrl() {
        return registryUrl;
    }

    public boolean isFailed() {
        return Outcome.FAILED.name().equals(outcome);
    }

    public boolean isPublished() {
        return Outcome.PUBLISHED.name().equals(outcome);
    }

    /** {@code name@newVersion}. */
    public String getId() {
        return name + "@" + newVersion;
    }

    /** "1.0.0 -> 1.1.0", or "new -> 1.0.0". */
    public String getVersionChange() {
        return (oldVersion == null ? "new" : oldVersion) + " -> " + newVersion;
    }

    /**
     * The step's return value for this package: only strings, booleans and numbers, so that a sandboxed pipeline
     * reads it ({@code result[0].outcome}) without any script approval.
     */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("path", path);
        m.put("oldVersion", oldVersion);
        m.put("newVersion", newVersion);
        m.put("bump", bump);
        m.put("action", action);
        m.put("outcome", outcome);
        m.put("published", isPublished());
        m.put("failed", isFailed());
        m.put("reason", reason);
        m.put("distTag", distTag);
        m.put("shasum", shasum);
        m.put("integrity", integrity);
        m.put("tarballSize", tarballSize);
        m.put("changelogPath", changelogPath);
        m.put("changelogUrl", changelogUrl);
        m.put("registryUrl", registryUrl);
        m.put("durationMillis", durationMillis);
        return m;
    }
}
