package io.harbormaster.core.spec;

import static io.harbormaster.core.spec.SpecSamples.dockerJobWithTask;
import static io.harbormaster.core.spec.SpecSamples.parser;
import static io.harbormaster.core.spec.SpecSamples.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobSpecInputSourceTest {

    private static final String ENGINE = "Engine: {Type: docker, Params: {Image: alpine}}";
    private static final String SOURCE_PATH = "Tasks[0].InputSources[0].Source.Params.SourcePath";

    private static String withInput(String sourceType, String params) {
        return dockerJobWithTask(ENGINE,
                "InputSources:",
                "  - Target: /inputs",
                "    Source:",
                "      Type: " + sourceType,
                "      Params: " + params);
    }

    @ParameterizedTest
    @ValueSource(strings = {"urlDownload", "s3", "ipfs", "http", "S3PreSigned", "inline"})
    void otherBacalhauSourceTypesAreNotSupportedYet(String type) {
        assertThat(problemsOf(withInput(type, "{URL: 'https://example.com/x'}"))).containsExactly(new SpecProblem(
                "Tasks[0].InputSources[0].Source.Type", 9,
                "input source type \"" + type + "\" is not supported yet (this node supports: localDirectory)"));
    }

    @Test
    void madeUpSourceTypeIsUnknown() {
        assertThat(problemsOf(withInput("ftp", "{}"))).extracting(SpecProblem::message).containsExactly(
                "input source type \"ftp\" is unknown (this node supports: localDirectory)");
    }

    @Test
    void sourcePathOutsideTheAllowListSaysHowToAllowIt() {
        assertThat(problemsOf(withInput("localDirectory", "{SourcePath: /srv/private, ReadWrite: true}")))
                .containsExactly(new SpecProblem(SOURCE_PATH, 10, "/srv/private is not under an allow-listed path; "
                        + "start the node with --allow-listed-local-paths /srv/private/**:rw "
                        + "(or add it to allowListedLocalPaths in config.yaml)"));
    }

    @Test
    void readWriteOnAReadOnlyEntryIsRefusedAndSaysWhy() {
        assertThat(problemsOf(withInput("localDirectory", "{SourcePath: /data/books, ReadWrite: true}")))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo(SOURCE_PATH);
                    assertThat(p.message()).startsWith("/data/books is allow-listed read-only but ReadWrite is true")
                            .contains("--allow-listed-local-paths /data/books/**:rw");
                });
    }

    @Test
    void dotDotCannotEscapeTheAllowList() {
        assertThat(problemsOf(withInput("localDirectory", "{SourcePath: /data/out/../../etc}")))
                .singleElement().satisfies(p -> assertThat(p.message()).startsWith("/etc is not under an allow-listed"));
    }

    @Test
    void sourcePathIsNormalisedBeforeItIsMounted() {
        String text = withInput("localDirectory", "{SourcePath: /data/out/./a/../b, ReadWrite: true}");

        assertThat(parser().parse(text).spec().task().inputSources())
                .containsExactly(InputSource.localDirectory("/data/out/b", "/inputs", true));
    }

    @Test
    void relativeSourcePathIsRejected() {
        assertThat(problemsOf(withInput("localDirectory", "{SourcePath: data/books}"))).containsExactly(
                new SpecProblem(SOURCE_PATH, 10, "must be an absolute path on this machine (got \"data/books\")"));
    }

    @Test
    void missingSourcePathAndBadReadWriteAreBothReported() {
        assertThat(problemsOf(withInput("localDirectory", "{ReadWrite: maybe}"))).containsExactly(
                new SpecProblem(SOURCE_PATH, 10, "required"),
                new SpecProblem("Tasks[0].InputSources[0].Source.Params.ReadWrite", 10,
                        "expected true or false, got a string"));
    }

    @Test
    void taskInputNeedsAnAbsoluteTarget() {
        String missing = dockerJobWithTask(ENGINE, "InputSources:",
                "  - Source: {Type: localDirectory, Params: {SourcePath: /data/books}}");
        String relative = dockerJobWithTask(ENGINE, "InputSources:",
                "  - Target: inputs",
                "    Source: {Type: localDirectory, Params: {SourcePath: /data/books}}");

        assertThat(problemsOf(missing)).containsExactly(new SpecProblem("Tasks[0].InputSources[0].Target", 7, "required"));
        assertThat(problemsOf(relative)).containsExactly(new SpecProblem("Tasks[0].InputSources[0].Target", 7,
                "must be an absolute path inside the task, like /inputs (got \"inputs\")"));
    }

    @Test
    void twoInputsCannotShareATarget() {
        String text = dockerJobWithTask(ENGINE, "InputSources:",
                "  - {Target: /in, Source: {Type: localDirectory, Params: {SourcePath: /data/books}}}",
                "  - {Target: /in, Source: {Type: localDirectory, Params: {SourcePath: /data/site}}}");

        assertThat(problemsOf(text)).containsExactly(new SpecProblem("Tasks[0].InputSources[1].Target", 8,
                "\"/in\" is already the Target of Tasks[0].InputSources[0]"));
    }

    @Test
    void inputWithoutSourceIsRejected() {
        String text = dockerJobWithTask(ENGINE, "InputSources:", "  - Target: /in");

        assertThat(problemsOf(text)).containsExactly(new SpecProblem("Tasks[0].InputSources[0].Source", 7, "required"));
    }

    @Test
    void wasmModuleFileOutsideTheAllowListSuggestsItsDirectory() {
        String text = dockerJobWithTask("Engine:",
                "  Type: wasm",
                "  Params:",
                "    EntryModule:",
                "      Source: {Type: localDirectory, Params: {SourcePath: /opt/mods/app.wasm}}");

        assertThat(problemsOf(text)).containsExactly(new SpecProblem("Tasks[0].Engine.Params.EntryModule.Source"
                + ".Params.SourcePath", 9, "/opt/mods/app.wasm is not under an allow-listed path; start the node with "
                + "--allow-listed-local-paths /opt/mods/**:ro (or add it to allowListedLocalPaths in config.yaml)"));
    }

    @Test
    void importModulesAreCheckedAgainstTheAllowListToo() {
        String text = dockerJobWithTask("Engine:",
                "  Type: wasm",
                "  Params:",
                "    EntryModule: {Source: {Type: localDirectory, Params: {SourcePath: /data/modules/a.wasm}}}",
                "    ImportModules:",
                "      - {Source: {Type: localDirectory, Params: {SourcePath: /etc/b.wasm}}}");

        assertThat(problemsOf(text)).extracting(SpecProblem::path)
                .containsExactly("Tasks[0].Engine.Params.ImportModules[0].Source.Params.SourcePath");
    }

    @Test
    void nothingIsAllowedWithAnEmptyAllowList() {
        JobSpecParser parser = new JobSpecParser(LocalPathAllowList.none(), java.util.Set.of("docker"));

        assertThat(problemsOf(parser, withInput("localDirectory", "{SourcePath: /data/books}")))
                .extracting(SpecProblem::path).containsExactly(SOURCE_PATH);
    }
}
