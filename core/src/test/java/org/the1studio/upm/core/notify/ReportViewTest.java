package org.the1studio.upm.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.the1studio.upm.core.publish.PackageOutcome;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.RunInfo;
import org.the1studio.upm.core.version.BumpKind;

class ReportViewTest {

    @Test
    void gitRemotesBecomeWebAddresses() {
        assertThat(ReportView.webUrl("https://github.com/acme/tools.git")).isEqualTo("https://github.com/acme/tools");
        assertThat(ReportView.webUrl("git@github.com:acme/tools.git")).isEqualTo("https://github.com/acme/tools");
        assertThat(ReportView.webUrl("ssh://git@github.com/acme/tools.git")).isEqualTo("https://github.com/acme/tools");
        assertThat(ReportView.webUrl("https://gitlab.acme.test/group/sub/tools")).isEqualTo("https://gitlab.acme.test/group/sub/tools");
        assertThat(ReportView.webUrl("/home/ci/work/tools")).isNull();
        assertThat(ReportView.webUrl("file:///tmp/remote.git")).isNull();
        assertThat(ReportView.webUrl(null)).isNull();
    }

    @Test
    void linksOnlyPassWhenTheyCannotBreakMarkup() {
        assertThat(ReportView.safeUrl("https://ci.acme.test/job/x/1/")).isEqualTo("https://ci.acme.test/job/x/1/");
        assertThat(ReportView.safeUrl("javascript:alert(1)")).isNull();
        assertThat(ReportView.safeUrl("https://ci.acme.test/a) [x](https://evil")).isNull();
        assertThat(ReportView.safeUrl("https://ci.acme.test/a|b>")).isNull();
        assertThat(ReportView.safeUrl("https://user:pw@ci.acme.test/")).isNull();
    }

    @Test
    void commitAndChangelogLinksFollowTheHostsConventions() {
        PackageOutcome tools = Reports.published("com.acme.tools", "1.0.0", "1.1.0", BumpKind.MINOR);
        ReportView github = view("git@github.com:acme/tools.git", "feature/x y", "http://127.0.0.1:4873");
        assertThat(github.commitUrl()).isEqualTo("https://github.com/acme/tools/commit/" + Reports.COMMIT);
        assertThat(github.changelogUrl(tools))
                .isEqualTo("https://github.com/acme/tools/blob/feature/x%20y/Packages/com.acme.tools/CHANGELOG.md");
        assertThat(github.packageUrl(tools)).isEqualTo("http://127.0.0.1:4873/-/web/detail/com.acme.tools");
        assertThat(github.repositoryName()).isEqualTo("acme/tools");

        ReportView gitlab = view("https://gitlab.com/acme/tools.git", null, "https://registry.npmjs.org/");
        assertThat(gitlab.commitUrl()).isEqualTo("https://gitlab.com/acme/tools/-/commit/" + Reports.COMMIT);
        assertThat(gitlab.changelogUrl(tools))
                .isEqualTo("https://gitlab.com/acme/tools/-/blob/" + Reports.COMMIT + "/Packages/com.acme.tools/CHANGELOG.md");
        assertThat(gitlab.packageUrl(tools)).isEqualTo("https://www.npmjs.com/package/com.acme.tools/v/1.1.0");

        ReportView local = view("/srv/git/tools", "main", null);
        assertThat(local.commitUrl()).isNull();
        assertThat(local.changelogUrl(tools)).isNull();
        assertThat(local.packageUrl(tools)).isNull();
        assertThat(local.repositoryName()).isEqualTo("tools");
    }

    @Test
    void theHeadlineCountsOutcomes() {
        assertThat(new ReportView(Reports.many(10, 5)).result()).isEqualTo("2 failed, 8 published");
        assertThat(new ReportView(Reports.report(List.of())).result()).isEqualTo("no package changes");
        PublishReport dry = new PublishReport("r", Reports.run("m", "a"), true, List.of(), List.of(), List.of(),
                Reports.STARTED, java.time.Duration.ZERO);
        assertThat(new ReportView(dry).result()).isEqualTo("no package changes (dry run)");
    }

    private static ReportView view(String repository, String branch, String registry) {
        RunInfo run = new RunInfo(repository, Reports.COMMIT, null, "a", "m", branch, registry, null);
        return new ReportView(Reports.report(run, List.of(), List.of()));
    }
}
