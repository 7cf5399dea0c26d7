package io.harbormaster.core.spec;

import static io.harbormaster.core.spec.SpecSamples.json;
import static io.harbormaster.core.spec.SpecSamples.parser;
import static io.harbormaster.core.spec.SpecSamples.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobSpecParserTest {

    static Stream<Arguments> everySampleInEveryShape() {
        return SpecSamples.ALL.stream().flatMap(name -> Stream.of(
                Arguments.of(name, "yaml", yaml(name)),
                Arguments.of(name, "json", json(name, false)),
                Arguments.of(name, "wrapped json", json(name, true))));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everySampleInEveryShape")
    void everySampleParsesTheSameAsYamlJsonAndWrappedJson(String name, String shape, String text) {
        ParsedJob parsed = parser().parse(text);

        assertThat(parsed.spec()).isEqualTo(parser().parse(yaml(name)).spec());
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void dockerBatchSampleHasEveryFieldItWrites() {
        JobSpec job = parser().parse(yaml("docker-batch.yaml")).spec();

        assertThat(job.name()).isEqualTo("word-count");
        assertThat(job.namespace()).isEqualTo("research");
        assertThat(job.type()).isEqualTo(JobType.BATCH);
        assertThat(job.count()).isEqualTo(1);
        assertThat(job.labels()).isEqualTo(Map.of("team", "data", "stage", "test"));
        assertThat(job.meta()).isEqualTo(Map.of("owner", "alice"));
        TaskSpec task = job.task();
        assertThat(task.name()).isEqualTo("main");
        assertThat(task.engine()).isEqualTo(EngineSpec.docker(new DockerEngineSpec("ubuntu:22.04",
                List.of("/bin/bash"), List.of("-c", "wc -w /inputs/book.txt > /outputs/count.txt"),
                List.of("LANG=C.UTF-8", "MODE=fast"), "/inputs")));
        assertThat(task.env()).isEqualTo(Map.of("RUN_KIND", "nightly"));
        assertThat(task.inputSources()).containsExactly(
                new InputSource("book", "/inputs", InputSource.LOCAL_DIRECTORY, "/data/books", false),
                InputSource.localDirectory("/data/out/word-count", "/outputs", true));
        assertThat(task.executionTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(task.resources()).isEqualTo(new ResourceSpec("500m", "512Mb", 500, 512_000_000L));
    }

    @Test
    void dockerServiceIsLongRunningWithDefaultNamespaceAndNoTimeout() {
        JobSpec job = parser().parse(yaml("docker-service.yaml")).spec();

        assertThat(job.type()).isEqualTo(JobType.SERVICE);
        assertThat(job.isLongRunning()).isTrue();
        assertThat(job.namespace()).isEqualTo("default");
        assertThat(job.task().executionTimeout()).isNull();
        assertThat(job.task().engine().docker().workingDirectory()).isNull();
        assertThat(job.task().engine().docker().entrypoint()).isEmpty();
        assertThat(job.task().resources()).isEqualTo(new ResourceSpec("0.25", "256MiB", 250, 256L << 20));
    }

    @Test
    void wasmBatchTakesTheModuleFileItselfWithoutATarget() {
        JobSpec job = parser().parse(yaml("wasm-batch.yaml")).spec();

        EngineSpec engine = job.task().engine();
        assertThat(engine.type()).isEqualTo(EngineSpec.WASM);
        assertThat(engine.docker()).isNull();
        assertThat(engine.wasm()).isEqualTo(new WasmEngineSpec(
                InputSource.localDirectory("/data/modules/hello.wasm", null, false), "_start",
                List.of("--greeting", "hello"), Map.of("GREETING", "hello"), List.of()));
        assertThat(job.task().executionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(job.task().resources().memoryBytes()).isEqualTo(64_000_000L);
    }

    @Test
    void wasmServiceKeepsAliasTargetImportModulesAndDefaultsTheEntryPoint() {
        JobSpec job = parser().parse(yaml("wasm-service.yaml")).spec();

        WasmEngineSpec wasm = job.task().engine().wasm();
        assertThat(job.isLongRunning()).isTrue();
        assertThat(wasm.entryModule()).isEqualTo(new InputSource("ticker", "/app/ticker.wasm",
                InputSource.LOCAL_DIRECTORY, "/data/modules/ticker.wasm", false));
        assertThat(wasm.entryPoint()).isEqualTo(WasmEngineSpec.DEFAULT_ENTRY_POINT);
        assertThat(wasm.importModules())
                .containsExactly(InputSource.localDirectory("/data/modules/clock.wasm", null, false));
        assertThat(job.task().inputSources())
                .containsExactly(InputSource.localDirectory("/data/out/ticker", "/state", true));
        assertThat(job.task().resources()).isEqualTo(new ResourceSpec("1", "1Gb", 1000, 1_000_000_000L));
    }

    @Test
    void keysAndEnumValuesMatchWhateverTheirCase() {
        String text = """
                name: shouty
                TYPE: Batch
                tasks:
                  - NAME: main
                    engine:
                      type: WASM
                      params:
                        entrymodule:
                          source:
                            type: localdirectory
                            params:
                              sourcepath: /data/modules/a.wasm
                        Entrypoint: run
                    inputsources:
                      - target: /in
                        SOURCE:
                          Type: LocalDirectory
                          Params: {SourcePath: /data/out/x, readwrite: "TRUE"}
                    timeouts: {executiontimeout: 5}
                    resources: {cpu: 2, memory: 1073741824}
                """;

        JobSpec job = parser().parse(text).spec();

        assertThat(job.type()).isEqualTo(JobType.BATCH);
        assertThat(job.task().engine().type()).isEqualTo("wasm");
        assertThat(job.task().engine().wasm().entryPoint()).isEqualTo("run");
        assertThat(job.task().engine().wasm().entryModule().sourcePath()).isEqualTo("/data/modules/a.wasm");
        assertThat(job.task().inputSources())
                .containsExactly(InputSource.localDirectory("/data/out/x", "/in", true));
        assertThat(job.task().executionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(job.task().resources()).isEqualTo(new ResourceSpec("2", "1073741824", 2000, 1L << 30));
    }

    @Test
    void dockerEngineTypeIsNormalisedToLowerCaseAndEntryPointSpellingIsAccepted() {
        String text = SpecSamples.dockerJobWithTask(
                "Engine:",
                "  Type: Docker",
                "  Params: {Image: alpine, EntryPoint: [sh, -c]}");

        EngineSpec engine = parser().parse(text).spec().task().engine();

        assertThat(engine.type()).isEqualTo("docker");
        assertThat(engine.docker().entrypoint()).containsExactly("sh", "-c");
    }

    @Test
    void compactJsonOnOneLineIsAccepted() {
        String text = "{\"Job\":{\"Name\":\"j\",\"Type\":\"ops\",\"Tasks\":[{\"Name\":\"t\","
                + "\"Engine\":{\"Type\":\"docker\",\"Params\":{\"Image\":\"alpine\"}}}]}}";

        JobSpec job = parser().parse(text).spec();

        assertThat(job.type()).isEqualTo(JobType.OPS);
        assertThat(job.isLongRunning()).isFalse();
    }

    @Test
    void jsonIndentedWithTabsIsAccepted() {
        String text = "{\n\t\"Name\": \"j\",\n\t\"Type\": \"daemon\",\n\t\"Tasks\": [\n\t\t{\"Name\": \"t\", "
                + "\"Engine\": {\"Type\": \"docker\", \"Params\": {\"Image\": \"alpine\"}}}\n\t]\n}\n";

        assertThat(parser().parse(text).spec().type()).isEqualTo(JobType.DAEMON);
    }

    @Test
    void zeroExecutionTimeoutMeansNone() {
        String text = SpecSamples.dockerJobWithTask(
                "Engine: {Type: docker, Params: {Image: alpine}}",
                "Timeouts: {ExecutionTimeout: 0}");

        assertThat(parser().parse(text).spec().task().executionTimeout()).isNull();
    }

    @Test
    void scalarValuesInStringMapsAreKeptAsTheyWereWritten() {
        String text = """
                Name: 42
                Type: batch
                Labels: {version: 1.10, enabled: true, empty: }
                Tasks:
                  - Name: t
                    Engine: {Type: docker, Params: {Image: alpine}}
                """;

        JobSpec job = parser().parse(text).spec();

        assertThat(job.name()).isEqualTo("42");
        assertThat(job.labels()).isEqualTo(Map.of("version", "1.10", "enabled", "true", "empty", ""));
    }

    @Test
    void anEngineTheNodeRunsThroughAPluginIsAcceptedWithoutParamsChecks() {
        JobSpecParser parser = new JobSpecParser(LocalPathAllowList.none(), Set.of("docker", "Noop"));
        String text = SpecSamples.dockerJobWithTask("Engine: {Type: noop, Params: {Anything: 1}}");

        assertThat(parser.parse(text).spec().task().engine()).isEqualTo(new EngineSpec("noop", null, null));
    }
}
