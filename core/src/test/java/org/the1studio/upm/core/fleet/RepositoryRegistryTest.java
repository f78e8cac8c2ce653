package org.the1studio.upm.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.config.UpmException;

class RepositoryRegistryTest {
    @TempDir Path dir;

    private Path write(String json) throws Exception {
        Path f = dir.resolve("repositories.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void readsAValidFileWithOptionalFields() throws Exception {
        Path f = write("""
                {"$schema": "https://the1studio.org/upm/repositories.schema.json",
                 "repositories": [
                   {"url": "https://github.com/acme/tools", "status": "active"},
                   {"url": "https://github.com/acme/ui.git", "status": "pending", "branch": "develop",
                    "registry": "https://npm.acme.com/", "notes": "UI kit"},
                   {"url": "https://github.com/acme/old/", "status": "disabled"}]}
                """);
        RepositoryRegistry r = RepositoryRegistry.load(f);
        assertThat(r.entries()).hasSize(3);
        assertThat(r.entries().get(1)).isEqualTo(new RepositoryEntry("https://github.com/acme/ui.git", RepoStatus.PENDING,
                "develop", "https://npm.acme.com/", "UI kit"));
        assertThat(r.withStatus(RepoStatus.ACTIVE)).extracting(RepositoryEntry::url).containsExactly("https://github.com/acme/tools");
        assertThat(r.find("https://GitHub.com/ACME/UI").map(RepositoryEntry::status)).contains(RepoStatus.PENDING);
        assertThat(RepositoryRegistry.validate(f)).isEmpty();
    }

    @Test
    void unknownStatusNamesEntryFieldAndAllowedValues() throws Exception {
        Path f = write("""
                {"repositories": [
                   {"url": "https://github.com/acme/tools", "status": "active"},
                   {"url": "https://github.com/acme/ui", "status": "archived"}]}
                """);
        List<RepositoryProblem> problems = RepositoryRegistry.validate(f);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).describe()).isEqualTo("repositories[1] (https://github.com/acme/ui): field 'status':"
                + " 'archived' is not a status; use one of active, pending, disabled");
        assertThatThrownBy(() -> RepositoryRegistry.load(f)).isInstanceOf(UpmException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("repositories[1]").hasMessageContaining("archived");
    }

    @Test
    void duplicatesAreFoundAcrossCaseAndGitSuffix() throws Exception {
        Path f = write("""
                {"repositories": [
                   {"url": "https://github.com/acme/tools", "status": "active"},
                   {"url": "https://github.com/other/x", "status": "active"},
                   {"url": "https://github.com/Acme/Tools.git", "status": "disabled"}]}
                """);
        assertThat(RepositoryRegistry.validate(f)).singleElement().satisfies(p -> {
            assertThat(p.index()).isEqualTo(2);
            assertThat(p.field()).isEqualTo("url");
            assertThat(p.describe()).contains("repositories[2] (https://github.com/Acme/Tools.git)")
                    .contains("duplicate of repositories[0] (https://github.com/acme/tools)");
        });
    }

    @Test
    void badUrlsAreExplainedOnePerEntry() throws Exception {
        Path f = write("""
                {"repositories": [
                   {"url": "http://github.com/acme/a", "status": "active"},
                   {"url": "git@github.com:acme/b.git", "status": "active"},
                   {"url": "https://github.com/acme", "status": "active"},
                   {"url": "https://github.com/acme/c/tree/main", "status": "active"},
                   {"url": "https://bob:secret@github.com/acme/d", "status": "active"},
                   {"url": "https://github.com/acme/ok", "status": "active"}]}
                """);
        List<RepositoryProblem> problems = RepositoryRegistry.validate(f);
        assertThat(problems).extracting(RepositoryProblem::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(problems).allSatisfy(p -> assertThat(p.field()).isEqualTo("url"));
        assertThat(problems.get(0).message()).contains("must start with https://");
        assertThat(problems.get(1).message()).contains("ssh URL").contains("https://github.com/acme/b");
        assertThat(problems.get(2).message()).contains("exactly an owner and a repository");
        assertThat(problems.get(3).message()).contains("exactly an owner and a repository");
        assertThat(problems.get(4).message()).contains("credentials").doesNotContain("secret");
    }

    @Test
    void missingFieldsUnknownFieldsAndWrongTypes() throws Exception {
        Path f = write("""
                {"repositories": [
                   {"url": "https://github.com/acme/a"},
                   {"status": "active"},
                   {"url": "https://github.com/acme/c", "status": "active", "owner": "me"},
                   {"url": "https://github.com/acme/d", "status": "active", "branch": 3}],
                 "extra": true}
                """);
        List<String> lines = RepositoryRegistry.validate(f).stream().map(RepositoryProblem::describe).toList();
        assertThat(lines).contains(
                "field 'extra': unknown field; known fields are $schema, repositories",
                "repositories[0] (https://github.com/acme/a): field 'status': is missing; use one of active, pending, disabled",
                "repositories[1]: field 'url': is missing; write the repository's https URL",
                "repositories[2] (https://github.com/acme/c): field 'owner': unknown field; known fields are url, status, branch, registry, notes");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("repositories[3] (https://github.com/acme/d): field 'branch': has the wrong type"));
    }

    @Test
    void malformedAndMissingFiles() throws Exception {
        Path f = write("{\"repositories\": [ {\"url\": \"https://github.com/a/b\" \"status\": \"active\"} ]}");
        assertThat(RepositoryRegistry.validate(f)).singleElement()
                .satisfies(p -> assertThat(p.describe()).startsWith("malformed JSON at line 1"));
        assertThat(RepositoryRegistry.validate(dir.resolve("nope.json"))).singleElement()
                .satisfies(p -> assertThat(p.describe()).contains("file not found").contains("upm repos add"));
        assertThat(RepositoryRegistry.validate("[]")).singleElement()
                .satisfies(p -> assertThat(p.describe()).contains("wrong type"));
    }

    @Test
    void badRegistryOverride() throws Exception {
        Path f = write("""
                {"repositories": [{"url": "https://github.com/acme/a", "status": "active", "registry": "ftp://x"}]}
                """);
        assertThat(RepositoryRegistry.validate(f)).singleElement()
                .satisfies(p -> assertThat(p.describe()).contains("field 'registry'").contains("ftp://x"));
    }

    @Test
    void addSetStatusAndSaveRoundTrip() throws Exception {
        Path f = dir.resolve("sub/repositories.json");
        RepositoryRegistry r = RepositoryRegistry.loadOrEmpty(f)
                .add(new RepositoryEntry("https://github.com/acme/a", RepoStatus.PENDING, null, null, "new"))
                .add(new RepositoryEntry("https://github.com/acme/b", RepoStatus.ACTIVE, "main", null, null));
        assertThatThrownBy(() -> r.add(new RepositoryEntry("https://github.com/ACME/a.git", RepoStatus.ACTIVE, null, null, null)))
                .isInstanceOf(UpmException.class).hasMessageContaining("already listed as https://github.com/acme/a");
        assertThatThrownBy(() -> r.add(new RepositoryEntry("ftp://github.com/acme/z", RepoStatus.ACTIVE, null, null, null)))
                .isInstanceOf(UpmException.class).hasMessageContaining("https://");
        RepositoryRegistry changed = r.setStatus("https://github.com/acme/A.git", RepoStatus.ACTIVE);
        assertThatThrownBy(() -> r.setStatus("https://github.com/acme/zz", RepoStatus.ACTIVE))
                .hasMessageContaining("not listed");
        changed.save(f);
        assertThat(Files.readString(f)).isEqualTo("""
                {
                  "$schema": "https://the1studio.org/upm/repositories.schema.json",
                  "repositories": [
                    {
                      "url": "https://github.com/acme/a",
                      "status": "active",
                      "notes": "new"
                    },
                    {
                      "url": "https://github.com/acme/b",
                      "status": "active",
                      "branch": "main"
                    }
                  ]
                }
                """);
        assertThat(RepositoryRegistry.load(f).entries()).isEqualTo(changed.entries());
    }

    @Test
    void schemaIsShippedAndDeclaresDraft2020() {
        assertThat(RepositoryRegistry.schemaText()).contains("https://json-schema.org/draft/2020-12/schema");
    }
}
