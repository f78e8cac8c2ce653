package org.the1studio.upm.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.secret.Secret;

class RegistrarTest {
    static final String TOKEN = "FAKE-github-token-for-registrar-tests";
    GitHubStandIn gh;
    Registrar registrar;

    @BeforeEach
    void start() throws Exception {
        gh = GitHubStandIn.start().requireToken(TOKEN);
        registrar = new Registrar(new GitHubApi(GitHubSettings.of(gh.apiUrl(), Secret.of(TOKEN))));
    }

    @AfterEach
    void stop() {
        gh.close();
    }

    @Test
    void opensAPullRequestAddingTheJenkinsfileAndListsThePendingRepository() throws Exception {
        GitHubStandIn.Repo repo = gh.repo("acme", "tools");
        repo.addPackage("Packages/com.acme.tools", "com.acme.tools", "1.0.0");
        String base = repo.head("main");
        Registrar.Registration r = registrar.register(RepositoryRegistry.empty(), "https://github.com/acme/tools", null, false);

        assertThat(r.entry().status()).isEqualTo(RepoStatus.PENDING);
        assertThat(r.registry().entries()).containsExactly(r.entry());
        assertThat(r.pullRequestUrl()).isEqualTo("https://github.com/acme/tools/pull/1");
        assertThat(repo.file(Registrar.BRANCH, "Jenkinsfile")).contains("upmPublish()\n");
        assertThat(repo.file("main", "Jenkinsfile")).isEmpty();
        assertThat(gh.requests()).filteredOn(q -> !q.method().equals("GET"))
                .extracting(q -> q.method() + " " + q.path())
                .containsExactly("POST /repos/acme/tools/git/refs", "PUT /repos/acme/tools/contents/Jenkinsfile",
                        "POST /repos/acme/tools/pulls");
        GitHubStandIn.Request refPost = gh.requests().stream().filter(q -> q.method().equals("POST")).findFirst().orElseThrow();
        assertThat(refPost.json().get("sha").asText()).isEqualTo(base);
        GitHubStandIn.Request pull = gh.requests().stream().filter(q -> q.path().endsWith("/pulls") && q.method().equals("POST"))
                .findFirst().orElseThrow();
        assertThat(pull.json().get("head").asText()).isEqualTo("upm/register");
        assertThat(pull.json().get("base").asText()).isEqualTo("main");
        assertThat(pull.json().get("body").asText()).contains("upmPublish()");

        // idempotent: the open pull request is found, nothing is written again
        gh.clearRequests();
        Registrar.Registration again = registrar.register(RepositoryRegistry.empty(), "https://github.com/acme/tools", null, false);
        assertThat(again.pullRequestUrl()).isEqualTo(r.pullRequestUrl());
        assertThat(gh.requests()).allSatisfy(q -> assertThat(q.method()).isEqualTo("GET"));

        // sync: pending until merged, then active
        Registrar.SyncOutcome before = registrar.sync(r.registry());
        assertThat(before.results()).singleElement().satisfies(s -> {
            assertThat(s.activated()).isFalse();
            assertThat(s.detail()).contains("no Jenkinsfile on main yet").contains("/pull/1 is still open");
        });
        repo.merge(1);
        Registrar.SyncOutcome after = registrar.sync(r.registry());
        assertThat(after.results()).singleElement().satisfies(s -> assertThat(s.activated()).isTrue());
        assertThat(after.registry().entries()).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(RepoStatus.ACTIVE));
    }

    @Test
    void repositoryAlreadyCallingUpmPublishIsActiveAtOnce() throws Exception {
        GitHubStandIn.Repo repo = gh.repo("acme", "ready");
        repo.addPackage("", "com.acme.ready", "1.0.0");
        repo.commit("main", Map.of("Jenkinsfile", "// published by UPM\nupmPublish(changelog: 'ai')\n"));
        Registrar.Registration r = registrar.register(RepositoryRegistry.empty(), "https://github.com/acme/ready", null, false);
        assertThat(r.entry().status()).isEqualTo(RepoStatus.ACTIVE);
        assertThat(r.pullRequestUrl()).isNull();
        assertThat(gh.requests()).allSatisfy(q -> assertThat(q.method()).isEqualTo("GET"));
    }

    @Test
    void refusesWhatCannotBeRegistered() throws Exception {
        gh.repo("acme", "secret").makePrivate(false).addPackage("", "com.acme.secret", "1.0.0");
        gh.repo("acme", "old").archived(true).addPackage("", "com.acme.old", "1.0.0");
        gh.repo("acme", "readonly").push(false).addPackage("", "com.acme.ro", "1.0.0");
        gh.repo("acme", "empty").commit("main", Map.of("README.md", "hi"));
        gh.repo("acme", "other").addPackage("", "com.acme.other", "1.0.0");
        gh.repo("acme", "other").commit("main", Map.of("Jenkinsfile", "pipeline { agent any }\n"));
        RepositoryRegistry none = RepositoryRegistry.empty();
        assertThatThrownBy(() -> registrar.register(none, "https://github.com/acme/missing", null, false))
                .isInstanceOf(UpmException.class).hasMessageContaining("acme/missing").hasMessageContaining("not found");
        assertThatThrownBy(() -> registrar.register(none, "https://github.com/acme/secret", null, false))
                .hasMessageContaining("private one the token cannot see");
        assertThatThrownBy(() -> registrar.register(none, "https://github.com/acme/old", null, false))
                .hasMessageContaining("archived");
        assertThatThrownBy(() -> registrar.register(none, "https://github.com/acme/readonly", null, false))
                .hasMessageContaining("cannot push");
        assertThatThrownBy(() -> registrar.register(none, "https://github.com/acme/empty", null, false))
                .hasMessageContaining("no Unity package").hasMessageContaining("--allow-empty");
        assertThatThrownBy(() -> registrar.register(none, "https://github.com/acme/other", null, false))
                .hasMessageContaining("does not call upmPublish()");
        assertThatThrownBy(() -> registrar.register(none, "git@github.com:acme/x.git", null, false))
                .hasMessageContaining("ssh URL");
        assertThat(gh.requests()).allSatisfy(q -> assertThat(q.method()).isEqualTo("GET"));
        assertThat(registrar.register(none, "https://github.com/acme/empty", null, true).entry().status())
                .isEqualTo(RepoStatus.PENDING);
    }

    @Test
    void recognisesUpmPublishCalls() {
        assertThat(Registrar.callsUpmPublish("upmPublish()\n")).isTrue();
        assertThat(Registrar.callsUpmPublish("@Library('upm') _\nupmPublish registry: 'x'\n")).isTrue();
        assertThat(Registrar.callsUpmPublish("// upmPublish()\npipeline {}\n")).isFalse();
        assertThat(Registrar.callsUpmPublish("myupmPublish()")).isFalse();
        assertThat(List.of()).isEmpty();
    }
}
