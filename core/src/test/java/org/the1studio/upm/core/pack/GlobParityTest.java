package org.the1studio.upm.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs npm's own minimatch (the copy bundled with the installed npm) over a matrix of ignore rules and paths, with the
 * options npm-packlist uses, and checks that {@link Glob} answers the same for every pair, full and partial matches;
 * and that {@link NpmOrder} sorts like {@code localeCompare(.., 'en')}. One node run each.
 */
class GlobParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final List<String> PATTERNS = List.of(
            "*", "*.js", "*.JS", "*.meta", ".*.swp", "._*", "*.orig", "**/.git", "**/.git/**", "/.lock-wscript",
            "/.wafpickle-*", "/build/config.gypi", "npm-debug.log", "**/.npmrc", ".DS_Store", "**/.DS_Store/**",
            "**/._*/**", "/archived-packages/**", "!/package.json", "!/readme{,.*[^~$]}", "!/license{,.*[^~$]}",
            "/node_modules", ".npmrc", "!Runtime", "!Runtime/**", "!Editor/**/*.cs", "!!Editor/Secret.cs",
            "!!**/*.tmp", "!Scripts/**", "!Data/*.{json,yaml}", "!*.md", "Temp/", "/Build", "[Tt]est[Rr]esults/",
            "**/Generated/**", "+(foo|bar).dat", "!(keep).txt", "@(a|b)/c", "?(x)y", "*(ab)c", "a/**/b", "a/**",
            "**/b", "a/*/c", "a?c", "a[!b]c", "a[^b]c", "[[:alpha:]]1", "[[:digit:]]*", "[a-c]x", "\\#hash.txt",
            "a\\*b", "{a,b}/{c,d}", "{1..3}.txt", "x{a,{b,c}}y", "docs/*.draft", "/Sub/rooted.txt", "Library",
            "!Library/keep.txt", "Logs/*", "Logs/**", "Samples~", "!Samples~/**", "Ünïcödé", "日本語/*",
            "**", "/", "a/", "!a/", "**/*.cs", "Runtime/../Editor", "./x", "a//b", "!", "*.{cs,CS}.meta");
    static final List<String> PATHS = List.of(
            "a", "a.js", "A.JS", "x/a.js", "/a.js", ".a.js.swp", "._x", "x/._y", "f.orig", ".git", "x/.git",
            "x/.git/y", "/.git", ".lock-wscript", "/.lock-wscript", "x/.lock-wscript", ".wafpickle-1",
            "build/config.gypi", "/build/config.gypi", "npm-debug.log", "x/npm-debug.log", ".npmrc", "x/.npmrc",
            ".DS_Store", "x/.DS_Store/", "archived-packages/x", "/archived-packages/x", "package.json",
            "/package.json", "readme", "/README.md", "/readme.md~", "/license", "/LICENSE.txt", "node_modules",
            "/node_modules", "Runtime", "/Runtime", "Runtime/", "/Runtime/", "Runtime/A.cs", "/Runtime/A.cs",
            "Editor", "Editor/", "Editor/A.cs", "/Editor/Deep/B.cs", "Editor/Secret.cs", "/Editor/Secret.cs",
            "x.tmp", "Runtime/x.tmp", "Scripts/main.js", "Scripts/sub/a.js", "Data/a.json", "Data/b.yaml",
            "Data/c.xml", "README.md", "Sub/x.md", "Temp", "Temp/", "x/Temp/", "Build", "/Build", "x/Build",
            "TestResults/", "testresults/", "Runtime/Generated/a", "foo.dat", "bar.dat", "baz.dat", "keep.txt",
            "other.txt", "a/c", "b/c", "y", "xy", "ababc", "c", "a/b", "a/x/y/b", "a/x", "b", "x/b", "a/x/c",
            "abc", "axc", "a1", "11", "ax", "#hash.txt", "a*b", "axb", "a/d", "b/d", "2.txt", "4.txt", "xay",
            "xcy", "docs/a.draft", "Sub/rooted.txt", "/Sub/rooted.txt", "Other/Sub/rooted.txt", "Library",
            "Library/", "Library/keep.txt", "Logs/a.txt", "Logs/x/y", "Samples~", "Samples~/", "Samples~/D/S.cs",
            "ünïcödé", "日本語/テスト.cs", "Foo.cs.meta", "Foo.CS.meta", "Editor", "x", "a//b", "", "/");

    @Test
    void globMatchesExactlyLikeNpmsMinimatch() throws Exception {
        assumeTrue(NodeTools.available("node") && NodeTools.available("npm"),
                "node and npm are not on PATH; this test compares with npm's own minimatch");
        Path minimatch = NodeTools.npmModules().resolve("minimatch");
        assumeTrue(Files.isDirectory(minimatch), "npm's bundled minimatch not found at " + minimatch);
        String script = """
                const { Minimatch } = require(process.argv[1]);
                const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
                const opts = { matchBase: true, dot: true, flipNegate: true, nocase: true };
                const out = input.patterns.map(p => {
                  const mm = new Minimatch(p, opts);
                  const relative = mm.globParts.some(part => part.length <= (part.slice(-1)[0] ? 1 : 2));
                  return { negate: mm.negate, relative,
                           full: input.paths.map(f => mm.match(f)),
                           partial: input.paths.map(f => mm.match(f, true)) };
                });
                process.stdout.write(JSON.stringify(out));
                """;
        ObjectNode input = JSON.createObjectNode();
        PATTERNS.forEach(input.putArray("patterns")::add);
        PATHS.forEach(input.putArray("paths")::add);
        NodeTools.Result r = NodeTools.run(Path.of("."), List.of("node", "-e", script, minimatch.toString()),
                JSON.writeValueAsString(input));
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode expected = JSON.readTree(r.out());

        List<String> differences = new ArrayList<>();
        for (int i = 0; i < PATTERNS.size(); i++) {
            Glob glob = new Glob(PATTERNS.get(i));
            JsonNode e = expected.get(i);
            if (glob.negate() != e.get("negate").asBoolean()) {
                differences.add(PATTERNS.get(i) + ": negate");
            }
            if (glob.isRelativeRule() != e.get("relative").asBoolean()) {
                differences.add(PATTERNS.get(i) + ": relative rule");
            }
            for (int j = 0; j < PATHS.size(); j++) {
                if (glob.match(PATHS.get(j), false) != e.get("full").get(j).asBoolean()) {
                    differences.add(PATTERNS.get(i) + " vs '" + PATHS.get(j) + "': minimatch says "
                            + e.get("full").get(j));
                }
                if (glob.match(PATHS.get(j), true) != e.get("partial").get(j).asBoolean()) {
                    differences.add(PATTERNS.get(i) + " vs '" + PATHS.get(j) + "' (partial): minimatch says "
                            + e.get("partial").get(j));
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void npmOrderSortsLikeNodesLocaleCompare() throws Exception {
        assumeTrue(NodeTools.available("node"), "node is not on PATH; this test compares with its localeCompare");
        List<String> names = new ArrayList<>(List.of("a", "A", "b", "B", "a-b", "ab", "a_b", "a.b", "a b", "a1",
                "a10", "a2", "Ab", "aB", "_a", "-a", ".a", "~a", "a~", "é", "e", "f", "ü", "u", "z", "Z", "日本",
                "中文", "ä", "ae", "file-name", "fileName", "file_name", "Readme", "README", "readme", "a.cs",
                "a.meta", "A.cs.meta", "[a]", "(a)", "{a}", "a$", "a@", "@a", "#a", "%a", "&a", "+a", "=a", "^a",
                "`a", "'a", "\"a", "!a", ",a", ";a", ":a", "?a", "/a", "\\a", "|a", "<a", ">a", "0", "9",
                "Samples~", "Samples", "Runtime/A.cs", "Runtime.meta", "Runtime/A.cs.meta", "Ünïcödé", "Grüße"));
        for (char c = 32; c < 127; c++) {
            names.add(String.valueOf(c));
        }
        String script = """
                const names = JSON.parse(require('fs').readFileSync(0, 'utf8'));
                process.stdout.write(JSON.stringify([...names].sort((a, b) => a.localeCompare(b, 'en'))));
                """;
        NodeTools.Result r = NodeTools.run(Path.of("."), List.of("node", "-e", script), JSON.writeValueAsString(names));
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> expected = new ArrayList<>();
        JSON.readTree(r.out()).forEach(n -> expected.add(n.asText()));

        List<String> ours = new ArrayList<>(names);
        ours.sort(NpmOrder.LOCALE_EN);
        assertThat(ours).containsExactlyElementsOf(expected);
    }
}
