package org.the1studio.upm.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.publish.PublishEngine;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.PublishRequest;

/**
 * The whole publish, run on the agent that holds the git checkout: core's engine (detect, validate, changelog, pack,
 * publish, verify, commit back, audit), then the notifications. Only a {@link PublishSummary} comes back.
 */
final class PublishCallable extends MasterToSlaveFileCallable<PublishSummary> {
    private static final long serialVersionUID = 1L;

    private final PublishSpec spec;
    private final TaskListener listener;

    PublishCallable(PublishSpec spec, TaskListener listener) {
        this.spec = spec;
        this.listener = listener;
    }

    @Override
    public PublishSummary invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path root = workspace.toPath().toAbsolutePath().normalize();
        PublishRequest request = spec.toRequest(root);
        LogListener log = new LogListener(listener);
        PublishEngine engine = new PublishEngine();
        PublishReport report;
        try {
            report = engine.publish(request, log);
        } catch (UpmException e) {
            throw new AbortException("[upm] " + e.getMessage());
        }
        if (spec.notifyEnabled()) {
            report = engine.notify(report, spec.notifySettings().notifiers(), request, log);
        }
        return PublishSummary.of(report, request, root);
    }
}
