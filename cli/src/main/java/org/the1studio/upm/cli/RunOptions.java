package org.the1studio.upm.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.the1studio.upm.core.changelog.ChangelogMode;
import org.the1studio.upm.core.config.UpmConfig;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.publish.PublishRequest;
import org.the1studio.upm.core.secret.Secret;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Flags shared by {@code publish} and {@code plan}; turns them, the environment and upm.json into a request. */
final class RunOptions {
    @Option(names = {"-C", "--dir"}, description = "Git work tree root (default: current directory).")
    Path dir = Path.of(".");

    @Option(names = "--base", description = "Base revision (default: HEAD~1, or the empty tree for a first commit).")
    String base;

    @Option(names = "--head", description = "Head revision (default: HEAD; must be checked out).")
    String head;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    @Option(names = "--packages", split = ",", description = "Only these package names.")
    List<String> packages = new ArrayList<>();

    @Option(names = "--changelog", description = "ai, conventional or off (default: upm.json, else conventional).")
    String changelog;

    @Option(names = "--gemini-key-env", description = "Variable holding the Gemini API key (default: GEMINI_API_KEY).")
    String geminiKeyEnv;

    @Option(names = "--gemini-model", description = "Gemini model (default: " + PublishRequest.DEFAULT_GEMINI_MODEL + ").")
    String geminiModel;

    @Option(names = "--audit-dir", description = "Audit folder (default: upm-audit).")
    Path auditDir;

    @Option(names = "--branch", description = "Branch name when git is detached (CI).")
    String branch;

    @Option(names = "--build-url", description = "CI build URL for reports.")
    String buildUrl;

    @Option(names = "--json", description = "Print a machine-readable JSON report.")
    boolean json;

    /** Builds the request; {@code dryRun} and {@code commit} come from the command. */
    PublishRequest toRequest(Map<String, String> env, boolean dryRun, boolean commit) throws UpmException {
        Path root = dir.toAbsolutePath().normalize();
        UpmConfig config = UpmConfig.load(root);
        URI registryUrl = registry.url(config, env);
        String tokenVar = registry.tokenVariable(config);
        Secret token = Secret.ofNullable(env.get(tokenVar));
        if (token == null && !dryRun) {
            throw new UpmException(null, tokenVar, "the registry token variable is not set",
                    "export " + tokenVar + "=<token> (or name another variable with --token-env), or use --dry-run");
        }
        ChangelogMode mode;
        try {
            mode = ChangelogMode.parse(UpmConfig.pick(changelog, config.changelog(), "conventional"));
        } catch (IllegalArgumentException e) {
            throw new UpmException(changelog != null ? null : UpmConfig.FILE_NAME, changelog != null ? "--changelog"
                    : "changelog", e.getMessage(), null);
        }
        Secret gemini = Secret.ofNullable(env.get(UpmConfig.pick(geminiKeyEnv, config.geminiKeyEnv(), "GEMINI_API_KEY")));
        Path audit = auditDir != null ? auditDir : Path.of(UpmConfig.pick(null, config.auditDir(), "upm-audit"));
        return PublishRequest.builder(root)
                .base(base).head(head).registry(registryUrl).token(token).dryRun(dryRun)
                .packages(packages).changelogMode(mode).commitChangelog(commit)
                .geminiKey(gemini).geminiModel(UpmConfig.pick(geminiModel, config.geminiModel(), null))
                .botName(config.botName()).botEmail(config.botEmail())
                .auditDir(audit).allowPublicRegistry(registry.allowPublic(config))
                .branch(branch).buildUrl(UpmConfig.pick(buildUrl, null, env.get("BUILD_URL")))
                .gitToken(Secret.ofNullable(env.get("UPM_GIT_TOKEN"))).gitUsername(env.get("UPM_GIT_USERNAME"))
                .tokenSource("the environment variable " + tokenVar)
                .build();
    }
}
