package org.the1studio.upm.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.the1studio.upm.core.config.UpmConfig;
import org.the1studio.upm.core.notify.NotifySettings;
import org.the1studio.upm.core.notify.Notifier;
import org.the1studio.upm.core.publish.PublishEngine;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.PublishRequest;
import org.the1studio.upm.core.publish.ReportJson;
import org.the1studio.upm.core.secret.Secret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code upm publish}: the main job. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Detect version bumps between --base and --head, validate, pack, publish, verify, write changelogs,"
                + " commit them back with [skip ci], notify and audit.")
final class PublishCommand implements Callable<Integer> {
    @ParentCommand UpmCommand parent;
    @Spec CommandSpec spec;
    @Mixin RunOptions options;

    @Option(names = "--dry-run", description = "Do everything up to the first write and say what would happen.")
    boolean dryRun;

    @Option(names = "--no-commit", description = "Write changelog entries but do not commit or push them.")
    boolean noCommit;

    @Option(names = "--discord-webhook-env", description = "Variable holding the Discord webhook URL (default: UPM_DISCORD_WEBHOOK).")
    String discordEnv;

    @Option(names = "--discord-thread", description = "Discord thread id to post in.")
    String discordThread;

    @Option(names = "--slack-webhook-env", description = "Variable holding a Slack incoming webhook URL (default: UPM_SLACK_WEBHOOK).")
    String slackEnv;

    @Option(names = "--webhook-env", description = "Variable holding a generic JSON webhook URL (default: UPM_WEBHOOK_URL).")
    String webhookEnv;

    @Option(names = "--webhook-secret-env", description = "Variable holding the webhook's HMAC secret (default: UPM_WEBHOOK_SECRET).")
    String webhookSecretEnv;

    @Override
    public Integer call() throws Exception {
        PublishRequest request = options.toRequest(parent.env(), dryRun, !noCommit);
        ConsoleListener listener = new ConsoleListener(spec.commandLine().getErr(), !options.json);
        PublishEngine engine = new PublishEngine();
        PublishReport report = engine.publish(request, listener);
        if (!dryRun) {
            report = engine.notify(report, notifiers(), request, listener);
        }
        listener.finish();
        if (options.json) {
            spec.commandLine().getOut().println(ReportJson.toText(report));
        } else {
            Summary.print(report, spec.commandLine().getOut());
        }
        return report.exitCode();
    }

    private List<Notifier> notifiers() throws Exception {
        UpmConfig config = UpmConfig.load(options.dir.toAbsolutePath().normalize());
        var env = parent.env();
        NotifySettings settings = new NotifySettings(
                Secret.ofNullable(env.get(UpmConfig.pick(discordEnv, config.discordWebhookEnv(), "UPM_DISCORD_WEBHOOK"))),
                UpmConfig.pick(discordThread, config.discordThreadId(), null),
                Secret.ofNullable(env.get(UpmConfig.pick(slackEnv, config.slackWebhookEnv(), "UPM_SLACK_WEBHOOK"))),
                Secret.ofNullable(env.get(UpmConfig.pick(webhookEnv, config.webhookEnv(), "UPM_WEBHOOK_URL"))),
                Secret.ofNullable(env.get(UpmConfig.pick(webhookSecretEnv, config.webhookSecretEnv(), "UPM_WEBHOOK_SECRET"))),
                Duration.ofSeconds(15), 4);
        return settings.notifiers();
    }
}
