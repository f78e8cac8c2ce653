package org.the1studio.upm.pipeline.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.junit.jupiter.api.Test;
import org.the1studio.upm.pipeline.harness.PipelineHarness;
import org.the1studio.upm.pipeline.harness.RunResult;

/**
 * Static checks for what the harness cannot see, because it does not run the CPS interpreter: the usual ways a
 * library that passes unit tests still breaks in Jenkins. Read from the Groovy AST of {@code vars/} and {@code src/}.
 */
class LibraryLintTest {

    static final Path ROOT = PipelineHarness.repositoryRoot();

    /** Steps the library calls; none may be called from a {@code @NonCPS} method (it would run once, or not at all). */
    static final Set<String> STEPS = Set.of("echo", "error", "sh", "unstable", "archiveArtifacts", "libraryResource",
            "git", "checkout", "fileExists", "readFile", "writeFile", "upmDetectChanges", "upmPublishPackages",
            "upmChangelog", "upmNotify", "upmFleetCheck", "timeout", "catchError", "junit");

    /** Collection methods whose closure CPS cannot run correctly (comparators and reducers) outside {@code @NonCPS}. */
    static final Set<String> CPS_UNSAFE = Set.of("sort", "toSorted", "unique", "toUnique", "max", "min", "sum",
            "inject", "collectEntries", "groupBy", "countBy", "withDefault");

    record Method(Path file, String name, boolean nonCps, List<String> calls) {}

    static List<Path> sources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("vars", "src")) {
            try (Stream<Path> s = Files.walk(ROOT.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".groovy")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    static List<Method> methods() throws IOException {
        List<Method> out = new ArrayList<>();
        for (Path file : sources()) {
            CompilationUnit unit = new CompilationUnit();
            SourceUnit source = unit.addSource(file.toFile());
            unit.compile(Phases.CONVERSION);
            for (ClassNode type : source.getAST().getClasses()) {
                for (MethodNode m : type.getMethods()) {
                    if (m.getLineNumber() < 0) {
                        continue; // generated (run(), main())
                    }
                    boolean nonCps = m.getAnnotations().stream()
                            .anyMatch(a -> a.getClassNode().getNameWithoutPackage().equals("NonCPS"));
                    List<String> calls = new ArrayList<>();
                    if (m.getCode() != null) {
                        m.getCode().visit(new CodeVisitorSupport() {
                            @Override
                            public void visitMethodCallExpression(MethodCallExpression call) {
                                calls.add(call.getMethodAsString());
                                super.visitMethodCallExpression(call);
                            }

                            @Override
                            public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
                                calls.add(call.getMethod());
                                super.visitStaticMethodCallExpression(call);
                            }
                        });
                    }
                    out.add(new Method(ROOT.relativize(file), m.getName(), nonCps, calls));
                }
            }
        }
        return out;
    }

    @Test
    void noStepIsCalledFromANonCpsMethod() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Method m : methods()) {
            if (m.nonCps()) {
                m.calls().stream().filter(STEPS::contains).forEach(c -> wrong.add(m.file() + " " + m.name() + ": " + c));
            }
        }
        // the check sees the methods and their annotations (else it could never fail)
        assertThat(methods()).filteredOn(Method::nonCps).hasSizeGreaterThan(10)
                .anySatisfy(m -> assertThat(m.calls()).contains("sort"));
        assertThat(methods()).filteredOn(m -> !m.nonCps()).anySatisfy(m -> assertThat(m.calls()).contains("upmNotify"));
        assertThat(wrong).isEmpty();
    }

    @Test
    void comparatorAndReducerClosuresOnlyRunInNonCpsMethods() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Method m : methods()) {
            if (!m.nonCps()) {
                m.calls().stream().filter(CPS_UNSAFE::contains).forEach(c -> wrong.add(m.file() + " " + m.name() + ": " + c));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyLibraryClassIsSerializable() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.resolve("src"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".groovy")).toList()) {
                assertThat(Files.readString(p)).as(p.toString()).containsPattern("class \\w+ implements Serializable");
            }
        }
    }

    @Test
    void everyStepHasAHelpPageListingAllItsParameters() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("vars"))) {
            for (Path var : s.filter(p -> p.toString().endsWith(".groovy")).toList()) {
                String name = var.getFileName().toString().replace(".groovy", "");
                Path help = var.resolveSibling(name + ".txt");
                assertThat(help).as("help page of " + name).isRegularFile();
                RunResult run = PipelineHarness.forRepository().run(name, Map.of("__unknown__", true));
                String message = run.error().getMessage();
                String known = message.substring(message.indexOf("Known parameters: ") + "Known parameters: ".length());
                String text = Files.readString(help);
                assertThat(text).as(help.toString()).startsWith(name + ":");
                for (String parameter : known.split(", ")) {
                    assertThat(text).as(help + " documents " + parameter).containsPattern("\\b" + parameter.trim() + "\\b");
                }
            }
        }
    }
}
