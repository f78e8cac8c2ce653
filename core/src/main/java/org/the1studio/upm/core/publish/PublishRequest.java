package org.the1studio.upm.core.publish;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.the1studio.upm.core.changelog.ChangelogMode;
import org.the1studio.upm.core.secret.Secret;

/**
 * Everything one publish run needs; built by the CLI from flags and by the Jenkins plugin from step arguments.
 *
 * <p>Use {@link #builder(Path)}: only the work tree and the registry are required, everything else has the
 * defaults a user would expect.
 *
 * @param workTree          root of the git work tree
 * @param base              base revision ({@code null}: {@code HEAD~1}, or the empty tree for a first commit)
 * @param head              head revision (default {@code HEAD})
 * @param registry          registry URL
 * @param token             bearer token, or {@code null} for anonymous (only useful for dry runs)
 * @param dryRun            stop before the first write
 * @param packages          only these package names (empty: all detected)
 * @param changelogMode     how to write changelog entries
 * @param commitChangelog   commit and push written changelogs with {@code [skip ci]}
 * @param geminiKey         Gemini API key, or {@code null}
 * @param geminiModel       Gemini model id
 * @param botName           author name of the changelog commit
 * @param botEmail          author email of the changelog commit
 * @param auditDir          folder of the JSON Lines audit log ({@code null}: none)
 * @param allowPublicRegistry allow registry.npmjs.org (off by default: private packages must not leak)
 * @param branch            branch name override (CI knows it when git is detached), or {@code null}
 * @param buildUrl          CI build URL, or {@code null}
 * @param repository        repository URL override, or {@code null} to read {@code origin}
 * @param geminiEndpoint    Gemini API base URL ({@code null}: Google's)
 * @param gitUsername       user for an https push of the changelog commit, or {@code null}
 * @param gitToken          token for an https push of the changelog commit, or {@code null} (ssh/agent credentials)
 * @param tokenSource       where the registry token comes from, named in authentication hints (an environment variable,
 *                          a Jenkins credentials id), or {@code null} for {@code UPM_REGISTRY_TOKEN}
 */
public record PublishRequest(
        Path workTree,
        String base,
        String head,
        URI registry,
        Secret token,
        boolean dryRun,
        List<String> packages,
        ChangelogMode changelogMode,
        boolean commitChangelog,
        Secret geminiKey,
        String geminiModel,
        String botName,
        String botEmail,
        Path auditDir,
        boolean allowPublicRegistry,
        String branch,
        String buildUrl,
        String repository,
        URI geminiEndpoint,
        String gitUsername,
        Secret gitToken,
        String tokenSource) {

    public static final String DEFAULT_GEMINI_MODEL = "gemini-2.5-flash";

    public PublishRequest {
        Objects.requireNonNull(workTree, "workTree");
        Objects.requireNonNull(registry, "registry");
        head = head == null || head.isBlank() ? "HEAD" : head;
        packages = packages == null ? List.of() : List.copyOf(packages);
        changelogMode = changelogMode == null ? ChangelogMode.CONVENTIONAL : changelogMode;
        geminiModel = geminiModel == null || geminiModel.isBlank() ? DEFAULT_GEMINI_MODEL : geminiModel;
        botName = botName == null || botName.isBlank() ? "upm-bot" : botName;
        botEmail = botEmail == null || botEmail.isBlank() ? "upm-bot@users.noreply.github.com" : botEmail;
    }

    /** A builder with defaults for everything but the work tree and registry. */
    public static Builder builder(Path workTree) {
        return new Builder(workTree);
    }

    /** A builder pre-filled with this request, to change a field or two. */
    public Builder toBuilder() {
        Builder b = new Builder(workTree);
        b.base = base; b.head = head; b.registry = registry; b.token = token; b.dryRun = dryRun;
        b.packages = packages; b.changelogMode = changelogMode; b.commitChangelog = commitChangelog;
        b.geminiKey = geminiKey; b.geminiModel = geminiModel; b.botName = botName; b.botEmail = botEmail;
        b.auditDir = auditDir; b.allowPublicRegistry = allowPublicRegistry; b.branch = branch;
        b.buildUrl = buildUrl; b.repository = repository; b.geminiEndpoint = geminiEndpoint;
        b.gitUsername = gitUsername; b.gitToken = gitToken; b.tokenSource = tokenSource;
        return b;
    }

    /** Fluent construction of a {@link PublishRequest}. */
    public static final class Builder {
        private final Path workTree;
        private String base;
        private String head = "HEAD";
        private URI registry;
        private Secret token;
        private boolean dryRun;
        private List<String> packages = List.of();
        private ChangelogMode changelogMode = ChangelogMode.CONVENTIONAL;
        private boolean commitChangelog = true;
        private Secret geminiKey;
        private String geminiModel;
        private String botName;
        private String botEmail;
        private Path auditDir;
        private boolean allowPublicRegistry;
        private String branch;
        private String buildUrl;
        private String repository;
        private URI geminiEndpoint;
        private String gitUsername;
        private Secret gitToken;
        private String tokenSource;

        private Builder(Path workTree) { this.workTree = workTree; }

        public Builder base(String v) { base = v; return this; }
        public Builder head(String v) { head = v; return this; }
        public Builder registry(URI v) { registry = v; return this; }
        public Builder token(Secret v) { token = v; return this; }
        public Builder dryRun(boolean v) { dryRun = v; return this; }
        public Builder packages(List<String> v) { packages = v; return this; }
        public Builder changelogMode(ChangelogMode v) { changelogMode = v; return this; }
        public Builder commitChangelog(boolean v) { commitChangelog = v; return this; }
        public Builder geminiKey(Secret v) { geminiKey = v; return this; }
        public Builder geminiModel(String v) { geminiModel = v; return this; }
        public Builder botName(String v) { botName = v; return this; }
        public Builder botEmail(String v) { botEmail = v; return this; }
        public Builder auditDir(Path v) { auditDir = v; return this; }
        public Builder allowPublicRegistry(boolean v) { allowPublicRegistry = v; return this; }
        public Builder branch(String v) { branch = v; return this; }
        public Builder buildUrl(String v) { buildUrl = v; return this; }
        public Builder repository(String v) { repository = v; return this; }
        public Builder geminiEndpoint(URI v) { geminiEndpoint = v; return this; }
        public Builder gitUsername(String v) { gitUsername = v; return this; }
        public Builder gitToken(Secret v) { gitToken = v; return this; }
        public Builder tokenSource(String v) { tokenSource = v; return this; }

        public PublishRequest build() {
            return new PublishRequest(workTree, base, head, registry, token, dryRun, packages, changelogMode,
                    commitChangelog, geminiKey, geminiModel, botName, botEmail, auditDir, allowPublicRegistry,
                    branch, buildUrl, repository, geminiEndpoint, gitUsername, gitToken, tokenSource);
        }
    }
}
