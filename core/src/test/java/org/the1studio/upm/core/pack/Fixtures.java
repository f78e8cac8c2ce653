package org.the1studio.upm.core.pack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Package directories that exercise npm's file selection rules. Each has a unique name so one npm run packs all. */
final class Fixtures {
    private Fixtures() {}

    static void write(Path root, String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    /** An asset and its Unity .meta file. */
    static void asset(Path root, String rel, String content) throws IOException {
        write(root, rel, content);
        write(root, rel + ".meta", "fileFormatVersion: 2\nguid: " + Integer.toHexString(rel.hashCode()) + "\n");
    }

    static void chmod(Path root, String rel, String perms) throws IOException {
        Files.setPosixFilePermissions(root.resolve(rel), PosixFilePermissions.fromString(perms));
    }

    static String manifest(String name, String extra) {
        return "{\n  \"name\": \"" + name + "\",\n  \"version\": \"1.0.0\",\n  \"displayName\": \"Fixture\",\n"
                + "  \"unity\": \"2021.3\"" + (extra.isEmpty() ? "" : ",\n  " + extra) + "\n}\n";
    }

    /** A plain Unity package: no files field, no ignore files; npm's defaults and always/never rules only. */
    static Path unityPlain(Path parent) throws IOException {
        Path d = parent.resolve("unity-plain");
        write(d, "package.json", manifest("com.fixture.plain", ""));
        write(d, "package.json.meta", "guid: 1\n");
        asset(d, "README.md", "# Readme\n");
        asset(d, "LICENSE.md", "MIT\n");
        asset(d, "CHANGELOG.md", "## [1.0.0]\n");
        asset(d, "Runtime/Foo.cs", "class Foo {}\n");
        asset(d, "Runtime/Sub Folder/Bar Baz.cs", "class BarBaz {}\n");
        write(d, "Runtime.meta", "folderAsset: yes\n");
        asset(d, "Runtime/com.fixture.plain.asmdef", "{ \"name\": \"Fixture\" }\n");
        asset(d, "Editor/FooEditor.cs", "class FooEditor {}\n");
        asset(d, "Samples~/Demo/Demo.unity", "%YAML 1.1\n");
        asset(d, "Samples~/Demo/Scripts/Demo.cs", "class Demo {}\n");
        write(d, "Documentation~/index.md", "# Docs\n");
        write(d, "Documentation~/images/logo.png", "\u0089PNG fake");
        // unicode names (NFC), spaces, an '@' folder, upper/lower case variety, a long path (> 100 bytes)
        asset(d, "Runtime/Ünïcödé/Grüße.cs", "// umlauts\n");
        asset(d, "Runtime/日本語/テスト.cs", "// japanese\n");
        write(d, "@types/index.d.ts", "export {};\n");
        write(d, "docs/Readme.txt", "not the root readme\n");
        write(d, "Runtime/readme.md", "nested readme\n");
        write(d, "Runtime/" + "VeryLongFolderName".repeat(4) + "/" + "AnotherVeryLongFileName".repeat(3) + ".cs",
                "// long path\n");
        write(d, "a-b.txt", "dash\n");
        write(d, "a_b.txt", "underscore\n");
        write(d, "a.b.txt", "dots\n");
        write(d, "A.txt", "upper\n");
        write(d, "b.TXT", "upper ext\n");
        // never packed
        write(d, ".DS_Store", "x");
        write(d, "Runtime/.DS_Store", "x");
        write(d, "Runtime/._Foo.cs", "x");
        write(d, "Runtime/Foo.cs.orig", "x");
        write(d, "Runtime/.Foo.cs.swp", "x");
        write(d, "npm-debug.log", "x");
        write(d, ".npmrc", "registry=http://127.0.0.1:9/\n");
        write(d, "Runtime/.npmrc", "x=y\n");
        write(d, "package-lock.json", "{}\n");
        write(d, "yarn.lock", "x\n");
        write(d, "node_modules/dep/index.js", "x\n");
        write(d, ".git/config", "[core]\n");
        write(d, "Runtime/.git", "gitdir: elsewhere\n");
        write(d, "CVS/Entries", "x\n");
        write(d, ".svn/entries", "x\n");
        write(d, "Editor/.hg/store", "x\n");
        write(d, "Runtime/we*ird.cs", "star in name\n");
        // packed although they look like junk: npm only drops the listed names
        write(d, "Runtime/node_modules/nested.js", "nested node_modules is only excluded at the root\n");
        write(d, ".hidden.cs", "dot file\n");
        write(d, "Runtime/Thumbs.db", "windows junk is packed\n");
        // empty directories vanish (npm writes no directory entries)
        Files.createDirectories(d.resolve("Empty/Deeper"));
        Files.createDirectories(d.resolve("Runtime/EmptyToo"));
        // executables and odd modes
        write(d, "Tools/build.sh", "#!/bin/sh\necho hi\n");
        chmod(d, "Tools/build.sh", "rwxr-xr-x");
        write(d, "Tools/private.sh", "#!/bin/sh\n");
        chmod(d, "Tools/private.sh", "rwx------");
        write(d, "Tools/group-writable.txt", "x\n");
        chmod(d, "Tools/group-writable.txt", "rw-rw-r--");
        write(d, "Tools/owner-only.txt", "x\n");
        chmod(d, "Tools/owner-only.txt", "rw-------");
        write(d, "Tools/read-only.txt", "x\n");
        chmod(d, "Tools/read-only.txt", "r--r--r--");
        // a nested package.json is an ordinary file; its "files" field means nothing to the outer package
        write(d, "Tests/Fixture/package.json", "{ \"name\": \"inner\", \"version\": \"0.0.1\", \"files\": [\"only.txt\"] }\n");
        write(d, "Tests/Fixture/only.txt", "x\n");
        write(d, "Tests/Fixture/other.txt", "x\n");
        // a symbolic link inside the package: npm leaves it out
        Files.createSymbolicLink(d.resolve("Runtime/FooLink.cs"), Path.of("Foo.cs"));
        Files.createSymbolicLink(d.resolve("RuntimeLink"), Path.of("Runtime"));
        return d;
    }

    /** The files field: directories, globs, negations, a missing entry, './' and '/*' forms; nested .npmignore. */
    static Path filesField(Path parent) throws IOException {
        Path d = parent.resolve("files-field");
        write(d, "package.json", manifest("com.fixture.files", "\"main\": \"Scripts/main.js\",\n"
                + "  \"bin\": { \"tool\": \"./cli.js\", \"deep\": \"bin/deep.js\" },\n"
                + "  \"files\": [\"Runtime\", \"Editor/**/*.cs\", \"!Editor/Secret.cs\", \"Samples~\", \"!**/*.tmp\","
                + " \"docs/guide.md\", \"missing-file.txt\", \"./Scripts/*\", \"Plugins/\", \"*.md\", \"!Runtime/Skip\","
                + " \"Config/settings.json\", \"!Config/secret.json\", \"Data/*.{json,yaml}\", \".npmignore\"]"));
        asset(d, "Runtime/Foo.cs", "class Foo {}\n");
        asset(d, "Runtime/Cache.tmp", "tmp\n");
        asset(d, "Runtime/Skip/Skipped.cs", "skipped\n");
        write(d, "Runtime/.npmignore", "*.log\nprivate/\n");
        write(d, "Runtime/debug.log", "x\n");
        write(d, "Runtime/private/key.txt", "x\n");
        write(d, "Runtime/Nested/.npmignore", "!*.log\n");
        write(d, "Runtime/Nested/keep.log", "kept by the nested negation? npm decides\n");
        write(d, "Runtime.meta", "folderAsset: yes\n");
        asset(d, "Editor/Tool.cs", "class Tool {}\n");
        asset(d, "Editor/Secret.cs", "secret\n");
        asset(d, "Editor/Deep/Er/Deeper.cs", "deep\n");
        write(d, "Editor/notes.txt", "not a .cs file\n");
        asset(d, "Samples~/Basic/Basic.cs", "basic\n");
        write(d, "docs/guide.md", "guide\n");
        write(d, "docs/other.md", "other\n");
        write(d, "Scripts/main.js", "main\n");
        write(d, "Scripts/sub/inner.js", "inner\n");
        write(d, "Plugins/x.dll", "dll\n");
        write(d, "README.md", "readme\n");
        write(d, "CHANGELOG.md", "changes\n");
        write(d, "Sub/nested.md", "md in a folder\n");
        write(d, "LICENSE", "MIT\n");
        write(d, "cli.js", "#!/usr/bin/env node\n");
        write(d, "bin/deep.js", "#!/usr/bin/env node\n");
        write(d, "Config/settings.json", "{}\n");
        write(d, "Config/secret.json", "{}\n");
        write(d, "Data/a.json", "{}\n");
        write(d, "Data/b.yaml", "a: 1\n");
        write(d, "Data/c.xml", "<a/>\n");
        write(d, ".npmignore", "Runtime/Foo.cs\n");
        write(d, ".gitignore", "Editor\n");
        write(d, "unlisted.txt", "not in files\n");
        return d;
    }

    /** .npmignore at several depths, .gitignore fallback where a folder has no .npmignore, glob forms. */
    static Path nestedIgnore(Path parent) throws IOException {
        Path d = parent.resolve("nested-ignore");
        write(d, "package.json", manifest("com.fixture.nested", ""));
        write(d, ".npmignore", "# comment\n\n*.log\n!keep.log\n/Build\nTemp/\n*.{tmp,bak}\n[Tt]est[Rr]esults/\n"
                + "**/Generated/**\n*.CSPROJ\n+(foo|bar).dat\n  spaced.txt  \nLibrary\n!Library/keep.txt\n"
                + "docs/*.draft\n/Sub/rooted.txt\n\\#hash.txt\n");
        write(d, ".gitignore", "Runtime\n");
        write(d, "Runtime/A.cs", "a\n");
        write(d, "Runtime/a.log", "log\n");
        write(d, "Runtime/keep.log", "keep\n");
        write(d, "Build/out.dll", "x\n");
        write(d, "Runtime/Build/inner.cs", "only the root Build is ignored\n");
        write(d, "Temp/t.txt", "x\n");
        write(d, "Runtime/Temp/t.txt", "x\n");
        write(d, "Runtime/x.tmp", "x\n");
        write(d, "Runtime/x.bak", "x\n");
        write(d, "TestResults/r.xml", "x\n");
        write(d, "Runtime/testresults/r.xml", "x\n");
        write(d, "Runtime/Generated/Code/g.cs", "x\n");
        write(d, "Runtime/Gen.csproj", "x\n");
        write(d, "foo.dat", "x\n");
        write(d, "bar.dat", "x\n");
        write(d, "baz.dat", "x\n");
        write(d, "spaced.txt", "x\n");
        write(d, "Library/cache.bin", "x\n");
        write(d, "Library/keep.txt", "x\n");
        write(d, "docs/a.draft", "x\n");
        write(d, "docs/a.md", "x\n");
        write(d, "Sub/rooted.txt", "x\n");
        write(d, "Other/Sub/rooted.txt", "x\n");
        write(d, "#hash.txt", "x\n");
        write(d, "Sub/.npmignore", "secret.txt\n!important.log\n/local-only\n*.md\n");
        write(d, "Sub/secret.txt", "x\n");
        write(d, "Sub/important.log", "x\n");
        write(d, "Sub/local-only/x.txt", "x\n");
        write(d, "Sub/Deeper/local-only/y.txt", "only Sub's own local-only is rooted\n");
        write(d, "Sub/readme.md", "x\n");
        write(d, "Sub/Deeper/notes.md", "x\n");
        write(d, "Sub/Deeper/.gitignore", "*.cache\n");
        write(d, "Sub/Deeper/a.cache", "x\n");
        write(d, "Sub/Deeper/b.txt", "x\n");
        write(d, "Sub/Deeper/Deepest/.npmignore", "\uFEFF# bom first\r\n*.txt\r\n");
        write(d, "Sub/Deeper/Deepest/.gitignore", "*.cs\n");
        write(d, "Sub/Deeper/Deepest/c.txt", "x\n");
        write(d, "Sub/Deeper/Deepest/c.cs", "npmignore wins over gitignore here\n");
        return d;
    }

    /** Only .gitignore files (root and nested): npm falls back to them. */
    static Path gitignoreFallback(Path parent) throws IOException {
        Path d = parent.resolve("gitignore-fallback");
        write(d, "package.json", manifest("com.fixture.gitignore", "\"main\": \"Runtime/Entry.cs\""));
        write(d, ".gitignore", "Library/\n*.csproj\nTemp\nRuntime/Entry.cs\n/obj\nLogs/*\n!Logs/keep.txt\n");
        write(d, "Library/x.asset", "x\n");
        write(d, "Game.csproj", "x\n");
        write(d, "Temp/x", "x\n");
        write(d, "obj/x", "x\n");
        write(d, "Runtime/obj/x", "not rooted: kept\n");
        write(d, "Logs/a.txt", "x\n");
        write(d, "Logs/keep.txt", "x\n");
        asset(d, "Runtime/Entry.cs", "main is always packed\n");
        asset(d, "Runtime/Other.cs", "x\n");
        write(d, "Runtime/.gitignore", "*.generated.cs\n");
        write(d, "Runtime/a.generated.cs", "x\n");
        write(d, "Runtime/b.cs", "x\n");
        write(d, "licence.txt", "always in\n");
        write(d, "Copying", "always in\n");
        write(d, "readme.markdown", "always in\n");
        write(d, "README~", "backup readme: not forced in, but not ignored either\n");
        return d;
    }

    /** An empty files list: only the always-included files. Root bin gets +x. */
    static Path onlyAlways(Path parent) throws IOException {
        Path d = parent.resolve("only-always");
        write(d, "package.json", manifest("@fixture/only-always", "\"bin\": \"./tool.js\", \"files\": []"));
        write(d, "tool.js", "#!/usr/bin/env node\n");
        write(d, "README", "readme\n");
        write(d, "Licence.md", "x\n");
        write(d, "Runtime/A.cs", "not packed\n");
        return d;
    }

    /** Odd files-field forms, a case-mismatched entry, main/browser/bin handling, a negated existing file. */
    static Path edgeCases(Path parent) throws IOException {
        Path d = parent.resolve("edge-cases");
        write(d, "package.json", manifest("com.fixture.edge", "\"main\": \"./index.js\",\n"
                + "  \"browser\": \"browser.js\",\n  \"bin\": [\"./tools/a.js\"],\n"
                + "  \"files\": [\"/Runtime/\", \"**/*.txt\", \"!**/skip*.txt\", \"Editor/*\", \"Assets/Readme.md\","
                + " \"!Assets/Readme.md\", \"docs/GUIDE.MD\", \"Plugins/*.dll\", \"  spaced.cs  \"]"));
        asset(d, "Runtime/A.cs", "a\n");
        write(d, "Runtime/.npmignore", "Test/\n");
        asset(d, "Runtime/Test/T.cs", "t\n");
        asset(d, "Runtime/Deep/Test/T.cs", "t\n");
        write(d, "notes.txt", "n\n");
        write(d, "Other/deep/more.txt", "n\n");
        write(d, "Other/skip-me.txt", "n\n");
        asset(d, "Editor/E.cs", "e\n");
        asset(d, "Editor/Sub/E2.cs", "e2\n");
        write(d, "Assets/Readme.md", "negated existing file\n");
        write(d, "docs/guide.md", "matched case-insensitively\n");
        write(d, "Plugins/x.dll", "x\n");
        write(d, "Plugins/x.dll.meta", "not matched by *.dll\n");
        write(d, "index.js", "main with ./ is not forced in\n");
        write(d, "browser.js", "browser is forced in\n");
        write(d, "tools/a.js", "bin is forced in\n");
        write(d, "spaced.cs", "entry is trimmed\n");
        return d;
    }

    /** A typical Unity package .npmignore (tests, CI folders, docs excluded). */
    static Path typicalUnity(Path parent) throws IOException {
        Path d = parent.resolve("typical-unity");
        write(d, "package.json", manifest("com.fixture.typical", "\"keywords\": [\"unity\"]"));
        write(d, ".npmignore", "Tests/\nTests.meta\n.github/\n*.unitypackage\nDocumentation~/\n.editorconfig\n");
        asset(d, "Runtime/R.cs", "r\n");
        write(d, "Runtime.meta", "x\n");
        asset(d, "Tests/Editor/T.cs", "t\n");
        write(d, "Tests.meta", "x\n");
        write(d, ".github/workflows/ci.yml", "on: push\n");
        write(d, "Export.unitypackage", "x\n");
        write(d, "Documentation~/index.md", "x\n");
        write(d, ".editorconfig", "root = true\n");
        asset(d, "Samples~/Basic/B.cs", "b\n");
        asset(d, "README.md", "r\n");
        asset(d, "CHANGELOG.md", "c\n");
        asset(d, "LICENSE.md", "l\n");
        asset(d, "Third Party Notices.md", "t\n");
        return d;
    }
}
