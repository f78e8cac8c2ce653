package org.the1studio.upm.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestTest {
    @TempDir Path dir;

    private PackageManifest read(String json) throws Exception {
        Path f = dir.resolve("package.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return ManifestReader.read(f, "Packages/a/package.json");
    }

    private List<ManifestIssue> issues(String json) throws Exception {
        return ManifestValidator.validate(read(json), "Packages/a/package.json");
    }

    @Test
    void acceptsBomAndCrlf() throws Exception {
        Path f = dir.resolve("package.json");
        String json = "{\r\n  \"name\": \"com.acme.tools\",\r\n  \"version\": \"1.2.3\",\r\n  \"unity\": \"2021.3\"\r\n}\r\n";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        Files.write(f, all);
        PackageManifest m = ManifestReader.read(f, "package.json");
        assertThat(m.name()).isEqualTo("com.acme.tools");
        assertThat(ManifestValidator.validate(m, "package.json")).isEmpty();
    }

    @Test
    void malformedJsonNamesFileAndPosition() {
        assertThatThrownBy(() -> read("{\n \"name\": \"com.acme.x\"\n \"version\": \"1.0.0\"\n}"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("Packages/a/package.json")
                .hasMessageContaining("malformed JSON at line 3");
    }

    @Test
    void wrongTypesNameTheField() {
        assertThatThrownBy(() -> read("{\"name\": \"com.acme.x\", \"version\": 1, \"unity\": \"2021.3\"}"))
                .hasMessageContaining("field 'version': must be a string");
        assertThatThrownBy(() -> read("{\"name\": \"com.acme.x\", \"version\": \"1.0.0\", \"files\": [\"a\", 3]}"))
                .hasMessageContaining("field 'files[1]'");
    }

    @Test
    void missingNameAndVersionAreBothReported() throws Exception {
        assertThat(issues("{\"unity\": \"2021.3\"}")).extracting(ManifestIssue::field).containsExactly("name", "version");
    }

    @Test
    void uppercaseNameGetsALowercaseHint() throws Exception {
        List<ManifestIssue> issues = issues("{\"name\": \"com.Acme.Tools\", \"version\": \"1.0.0\", \"unity\": \"2021.3\"}");
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.field()).isEqualTo("name");
            assertThat(i.hint()).contains("com.acme.tools");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"tools", "com.acme", "@acme/tools", "com..acme.x", ".com.acme.x", "com.acme.t ools", "com.acme.tööls"})
    void badNamesAreRefused(String name) throws Exception {
        assertThat(issues("{\"name\": \"" + name + "\", \"version\": \"1.0.0\", \"unity\": \"2021.3\"}"))
                .extracting(ManifestIssue::field).contains("name");
    }

    @Test
    void tooLongNameIsRefused() throws Exception {
        String name = "com.acme." + "x".repeat(210);
        assertThat(issues("{\"name\": \"" + name + "\", \"version\": \"1.0.0\", \"unity\": \"2021.3\"}"))
                .anySatisfy(i -> assertThat(i.message()).contains("214"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "v1.0.0", "1.0.0.0", "01.0.0", "^1.0.0", "latest", "1.0.0-"})
    void badVersionsAreRefused(String version) throws Exception {
        assertThat(issues("{\"name\": \"com.acme.x\", \"version\": \"" + version + "\", \"unity\": \"2021.3\"}"))
                .extracting(ManifestIssue::field).containsExactly("version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "0.0.1", "1.2.3-beta.1", "1.2.3-rc.1+build.5", "10.20.30"})
    void goodVersionsAreAccepted(String version) throws Exception {
        assertThat(issues("{\"name\": \"com.acme.x\", \"version\": \"" + version + "\", \"unity\": \"2021.3\"}")).isEmpty();
    }

    @Test
    void unityFieldsAreChecked() throws Exception {
        assertThat(issues("{\"name\": \"com.acme.x\", \"version\": \"1.0.0\", \"unity\": \"2021.3.1f1\", \"unityRelease\": \"f1\"}"))
                .extracting(ManifestIssue::field).containsExactly("unity", "unityRelease");
        assertThat(issues("{\"name\": \"com.acme.x\", \"version\": \"1.0.0\", \"unity\": \"2022.3\", \"unityRelease\": \"12f1\"}"))
                .isEmpty();
    }

    @Test
    void dependencyRangesAreRefused() throws Exception {
        assertThat(issues("{\"name\": \"com.acme.x\", \"version\": \"1.0.0\", \"unity\": \"2021.3\","
                + " \"dependencies\": {\"com.unity.ugui\": \"^1.0.0\", \"com.acme.core\": \"2.0.0\"}}"))
                .extracting(ManifestIssue::field).containsExactly("dependencies.com.unity.ugui");
    }

    @Test
    void jsonCopyIsDefensive() throws Exception {
        PackageManifest m = read("{\"name\": \"com.acme.x\", \"version\": \"1.0.0\", \"unity\": \"2021.3\", \"custom\": true}");
        m.json().put("name", "changed");
        assertThat(m.json().get("name").asText()).isEqualTo("com.acme.x");
        assertThat(m.json().get("custom").asBoolean()).isTrue();
    }
}
