package org.the1studio.upm.jenkins;

import hudson.model.BuildBadgeAction;
import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * The run page of a publish: a summary table on the build page (package, old -&gt; new, result, links to the
 * registry, the changelog and the archived audit record), its own page under {@code upm/}, and a badge next to the
 * build number when something was published or failed. One action per run, one section per step call.
 */
public class UpmPublishAction implements RunAction2, BuildBadgeAction {
    private final List<PublishSummary> publishes = new ArrayList<>();
    private transient Run<?, ?> run;

    /** Adds a publish to the run's action (creating it on the first call) and saves the run. */
    static void record(Run<?, ?> run, PublishSummary summary) throws IOException {
        synchronized (UpmPublishAction.class) {
            UpmPublishAction action = run.getAction(UpmPublishAction.class);
            if (action == null) {
                action = new UpmPublishAction();
                run.addAction(action);
            }
            action.add(summary);
        }
        run.save();
    }

    private synchronized void add(PublishSummary summary) {
        publishes.add(summary);
    }

    /** Every publish of this run, in call order. */
    public synchronized List<PublishSummary> getPublishes() {
        return Collections.unmodifiableList(new ArrayList<>(publishes));
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public int getPublishedCount() {
        return count(true);
    }

    public int getFailedCount() {
        return count(false);
    }

    private int count(boolean published) {
        int n = 0;
        for (PublishSummary s : getPublishes()) {
            for (PackageRow r : s.getPackages()) {
                if (published ? r.isPublished() : r.isFailed()) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The badge shows only when a package was published or failed (not for dry runs and skips). */
    public boolean isBadgeVisible() {
        return getPublishedCount() + getFailedCount() > 0;
    }

    /** Tooltip of the badge, e.g. "UPM: 2 published, 1 failed". */
    public String getBadgeText() {
        int failed = getFailedCount();
        return "UPM: " + getPublishedCount() + " published" + (failed > 0 ? ", " + failed + " failed" : "");
    }

    @Override
    public String getIconFileName() {
        return "package.png";
    }

    @Override
    public String getDisplayName() {
        return "UPM packages";
    }

    @Override
    public String getUrlName() {
        return "upm";
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
