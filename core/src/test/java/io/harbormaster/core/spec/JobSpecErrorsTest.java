package io.harbormaster.core.spec;

import static io.harbormaster.core.spec.SpecSamples.dockerJobWithTask;
import static io.harbormaster.core.spec.SpecSamples.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobSpecErrorsTest {

    @Test
    void dockerImageMissingIsReportedAtItsPathAndLine() {
        String text = dockerJobWithTask(
                "Engine:",
                "  Type: docker",
                "  Params:",
                "    Entrypoint: [sh]");

        assertThat(problemsOf(text)).containsExactly(
                new SpecProblem("Tasks[0].Engine.Params.Image", 7, "required"));
    }

    @Test
    void dockerParamsMissingAltogetherStillNamesTheImage() {
        assertThat(problemsOf(dockerJobWithTask("Engine: {Type: docker}")))
                .extracting(SpecProblem::path).containsExactly("Tasks[0].Engine.Params.Image");
    }

    @Test
    void blankImageIsRejected() {
        assertThat(problemsOf(dockerJobWithTask("Engine: {Type: docker, Params: {Image: '  '}}")))
                .containsExactly(new SpecProblem("Tasks[0].Engine.Params.Image", 5,
                        "required, and must not be blank"));
    }

    @Test
    void misspelledKeyIsAnErrorThatSuggestsTheRightOne() {
        String text = dockerJobWithTask(
                "Engine:",
                "  Type: docker",
                "  Params:",
                "    Image: alpine",
                "    Imagee: alpine");

        assertThat(problemsOf(text)).containsExactly(new SpecProblem("Tasks[0].Engine.Params.Imagee", 9,
                "unknown key (did you mean Image?)"));
    }

    @Test
    void unknownKeyFarFromAnyKnownOneListsTheKnownKeys() {
        String text = "Name: j\nType: batch\nFlavour: mint\nTasks: []\n";

        assertThat(problemsOf(text)).contains(new SpecProblem("Flavour", 3,
                "unknown key (expected one of Name, Namespace, Type, Count, Labels, Meta, Tasks)"));
    }

    @Test
    void engineTheNodeDoesNotRunIsRejectedWithTheSupportedOnes() {
        assertThat(problemsOf(dockerJobWithTask("Engine: {Type: foo}"))).containsExactly(
                new SpecProblem("Tasks[0].Engine.Type", 5, "unsupported engine \"foo\" (this node runs: docker, wasm)"));
    }

    @Test
    void wasmIsUnsupportedOnANodeThatOnlyRunsDocker() {
        JobSpecParser dockerOnly = new JobSpecParser(SpecSamples.ALLOW_LIST, Set.of("docker"));

        assertThat(problemsOf(dockerOnly, SpecSamples.yaml("wasm-batch.yaml"))).containsExactly(
                new SpecProblem("Tasks[0].Engine.Type", 7, "unsupported engine \"wasm\" (this node runs: docker)"));
    }

    @Test
    void unknownJobTypeNamesTheFourBacalhauTypes() {
        String text = dockerJobWithTask("Engine: {Type: docker, Params: {Image: a}}").replace("batch", "cron");

        assertThat(problemsOf(text)).containsExactly(new SpecProblem("Type", 2,
                "unknown job type \"cron\" (expected batch, ops, service or daemon)"));
    }

    @Test
    void countOtherThanOneSaysANodeRunsExactlyOneCopy() {
        String text = "Count: 3\n" + dockerJobWithTask("Engine: {Type: docker, Params: {Image: a}}");

        assertThat(problemsOf(text)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Count");
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).contains("runs exactly one copy").contains("got 3");
        });
    }

    @Test
    void requiredJobFieldsAreReportedTogether() {
        assertThat(problemsOf("Labels: {a: b}\n")).containsExactly(
                new SpecProblem("Name", 1, "required"),
                new SpecProblem("Type", 1, "required"),
                new SpecProblem("Tasks", 1, "required"));
    }

    @Test
    void aJobWithoutTasksSaysItNeedsOne() {
        assertThat(problemsOf("Name: j\nType: batch\nTasks: []\n")).containsExactly(
                new SpecProblem("Tasks", 3, "a job needs exactly one task; this one has none"));
    }

    @Test
    void aJobWithTwoTasksSaysOnlyOneIsRunAndStillChecksTheFirst() {
        String text = dockerJobWithTask("Engine: {Type: docker}") + "  - Name: second\n";

        assertThat(problemsOf(text)).containsExactly(
                new SpecProblem("Tasks", 3, "this node runs jobs with exactly one task; this one has 2"),
                new SpecProblem("Tasks[0].Engine.Params.Image", 5, "required"));
    }

    @Test
    void wrongTypesAreReportedAtTheirPathsInsteadOfEscapingAsJacksonErrors() {
        String text = """
                Name: [not, a, string]
                Type: batch
                Labels: [a, b]
                Tasks:
                  - Name: t
                    Engine:
                      Type: docker
                      Params:
                        Image: alpine
                        Entrypoint: /bin/sh
                        Parameters: {a: b}
                        EnvironmentVariables: {A: b}
                    Env: just-a-string
                    Timeouts: {ExecutionTimeout: soon}
                """;

        assertThat(problemsOf(text)).containsExactly(
                new SpecProblem("Name", 1, "expected a string, got a list"),
                new SpecProblem("Labels", 3, "expected a map, got a list"),
                new SpecProblem("Tasks[0].Engine.Params.Entrypoint", 10, "expected a list, got a string"),
                new SpecProblem("Tasks[0].Engine.Params.Parameters", 11, "expected a list, got a map"),
                new SpecProblem("Tasks[0].Engine.Params.EnvironmentVariables", 12, "expected a list, got a map"),
                new SpecProblem("Tasks[0].Env", 13, "expected a map, got a string"),
                new SpecProblem("Tasks[0].Timeouts.ExecutionTimeout", 14, "expected a whole number, got a string"));
    }

    @Test
    void tasksThatIsNotAListIsATypeError() {
        assertThat(problemsOf("Name: j\nType: batch\nTasks: {Name: t}\n"))
                .containsExactly(new SpecProblem("Tasks", 3, "expected a list, got a map"));
    }

    @Test
    void dockerEnvironmentVariablesMustBeKeyEqualsValue() {
        String text = dockerJobWithTask(
                "Engine:",
                "  Type: docker",
                "  Params:",
                "    Image: alpine",
                "    EnvironmentVariables:",
                "      - GOOD=1",
                "      - NO_EQUALS",
                "      - =empty-name");

        assertThat(problemsOf(text)).containsExactly(
                new SpecProblem("Tasks[0].Engine.Params.EnvironmentVariables[1]", 11,
                        "expected KEY=value, got \"NO_EQUALS\""),
                new SpecProblem("Tasks[0].Engine.Params.EnvironmentVariables[2]", 12,
                        "expected KEY=value, got \"=empty-name\""));
    }

    @Test
    void relativeWorkingDirectoryIsRejected() {
        assertThat(problemsOf(dockerJobWithTask("Engine: {Type: docker, Params: {Image: a, WorkingDirectory: src}}")))
                .extracting(SpecProblem::path).containsExactly("Tasks[0].Engine.Params.WorkingDirectory");
    }

    @Test
    void negativeExecutionTimeoutIsRejected() {
        String text = dockerJobWithTask("Engine: {Type: docker, Params: {Image: a}}", "Timeouts: {ExecutionTimeout: -5}");

        assertThat(problemsOf(text)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Tasks[0].Timeouts.ExecutionTimeout");
            assertThat(p.message()).contains("0 or more");
        });
    }

    @Test
    void wasmWithoutEntryModuleIsRejected() {
        assertThat(problemsOf(dockerJobWithTask("Engine: {Type: wasm, Params: {EntryPoint: main}}")))
                .containsExactly(new SpecProblem("Tasks[0].Engine.Params.EntryModule", 5, "required"));
    }

    @Test
    void keysThatDifferOnlyInCaseAreDuplicates() {
        String text = dockerJobWithTask("Engine: {Type: docker, Params: {Image: a}}") + "name: again\n";

        assertThat(problemsOf(text)).containsExactly(
                new SpecProblem("Name", 6, "duplicate key (Name is at line 1)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\t\n", "# only a comment\n", "---\n", "null\n"})
    void emptyInputIsRejected(String text) {
        assertThat(problemsOf(text)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Job");
            assertThat(p.message()).startsWith("empty input");
        });
    }

    @Test
    void nullInputIsRejectedAsEmpty() {
        assertThat(problemsOf(null)).extracting(SpecProblem::message)
                .containsExactly("empty input: expected a Bacalhau job in YAML or JSON");
    }

    @Test
    void yamlSyntaxErrorGivesTheLineOfTheProblem() {
        String text = "Name: j\nType: batch\nTasks:\n  - Name: t\n - Engine: x\n";

        assertThat(problemsOf(text)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Job");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).startsWith("not valid YAML: ").doesNotContain("in 'reader'");
        });
    }

    @Test
    void jsonSyntaxErrorGivesItsLine() {
        String text = "{\n\t\"Name\": \"j\",\n\t\"Type\": \"batch\"\n\t\"Tasks\": []\n}\n";

        assertThat(problemsOf(text)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).startsWith("not valid JSON: ");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"just a string\n", "42\n", "- a\n- b\n", "[{\"Name\": \"j\"}]"})
    void topLevelScalarOrListIsNotAJob(String text) {
        assertThat(problemsOf(text)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Job");
            assertThat(p.message()).startsWith("expected a job (a map with Name, Type and Tasks), got ");
        });
    }

    @Test
    void moreThanOneYamlDocumentIsRejected() {
        String job = dockerJobWithTask("Engine: {Type: docker, Params: {Image: a}}");

        assertThat(problemsOf(job + "---\n" + job)).extracting(SpecProblem::message)
                .containsExactly("more than one document; put one job in each file");
    }

    @Test
    void problemsInWrappedJsonCarryTheirJsonLineAndAPathRelativeToTheJob() {
        String text = SpecSamples.json("docker-service.yaml", true).replace("\"nginx:1.27-alpine\"", "\"\"")
                .replace("\"CPU\"", "\"CPUs\"");
        List<String> lines = text.lines().toList();

        assertThat(problemsOf(text)).containsExactly(
                new SpecProblem("Tasks[0].Engine.Params.Image", lineContaining(lines, "\"Image\""),
                        "required, and must not be blank"),
                new SpecProblem("Tasks[0].Resources.CPUs", lineContaining(lines, "\"CPUs\""),
                        "unknown key (did you mean CPU?)"));
    }

    private static int lineContaining(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(text + " is in no line");
    }

    @Test
    void wrappedJobMustBeAMap() {
        assertThat(problemsOf("{\"Job\": \"word-count\"}"))
                .containsExactly(new SpecProblem("Job", 1, "expected a map, got a string"));
    }

    @Test
    void everyProblemIsCollectedInOnePass() {
        String text = """
                Type: weekly
                Count: 2
                Tasks:
                  - Engine:
                      Type: docker
                      Params: {Imag: x, WorkingDirectory: rel}
                    Resources: {CPU: lots, Memory: 12 parsecs}
                """;

        List<SpecProblem> problems = problemsOf(text);

        assertThat(problems).extracting(SpecProblem::path).containsExactlyInAnyOrder(
                "Name", "Type", "Count", "Tasks[0].Name", "Tasks[0].Engine.Params.Imag",
                "Tasks[0].Engine.Params.Image", "Tasks[0].Engine.Params.WorkingDirectory",
                "Tasks[0].Resources.CPU", "Tasks[0].Resources.Memory");
        assertThat(problems).allSatisfy(p -> assertThat(p.line()).isPositive());
    }

    @Test
    void exceptionMessageListsEveryProblemWithItsLine() {
        SpecInvalidException e = org.junit.jupiter.api.Assertions.assertThrows(SpecInvalidException.class,
                () -> SpecSamples.parser().parse("Name: j\n"));

        assertThat(e.getMessage()).contains("line 1: Type: required").contains("line 1: Tasks: required");
    }

    static Stream<String> hostileDocuments() {
        String job = dockerJobWithTask("Engine: {Type: docker, Params: {Image: a}}");
        return Stream.of("[".repeat(500), "{\"a\":".repeat(300), "a:\n" + " b:\n".repeat(10),
                "Name: *undefined\n", "Name: !!binary aGVsbG8=\nType: batch\n", "x: &a [*a, *a]\n",
                "Name: !custom j\n", "\u0000", "Count: 99999999999999999999999\n" + job, "Name: 1e400\n",
                "{\"Name\": 1e99999}", "? [complex, key]\n: value\n", "[a, b]: c\n", "Name: |\n  multi\n  line\n",
                "base: &b {Type: batch}\nmerged:\n  <<: *b\n", job.replace("Name: t", "Name: {a: [b, {c: d}]}"),
                job + "Labels: {? [x]: y}\n", "Tasks: [" + "[".repeat(70) + "]".repeat(70) + "]\n");
    }

    @ParameterizedTest
    @MethodSource("hostileDocuments")
    void hostileDocumentsAreRejectedAsSpecProblemsOnly(String text) {
        assertThat(problemsOf(text)).isNotEmpty();
    }
}
