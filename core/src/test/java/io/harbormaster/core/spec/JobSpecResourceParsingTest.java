package io.harbormaster.core.spec;

import static io.harbormaster.core.spec.SpecSamples.dockerJobWithTask;
import static io.harbormaster.core.spec.SpecSamples.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobSpecResourceParsingTest {

    @ParameterizedTest(name = "CPU {0} is {1} millicores")
    @CsvSource({"500m, 500", "0.5, 500", "2, 2000", "1.25, 1250", "250m, 250", "0.0001, 1", "0, 0", ".5, 500"})
    void cpuIsReadAsCoresOrMillicores(String text, long millis) {
        assertThat(ResourceParser.cpuMillis(text)).hasValue(millis);
    }

    @ParameterizedTest(name = "CPU \"{0}\" is invalid")
    @ValueSource(strings = {"", "lots", "-1", "1 core", "500M", "1e3", "0x10", "99999999999999999999"})
    void cpuThatIsNotANumberIsInvalid(String text) {
        assertThat(ResourceParser.cpuMillis(text)).isEmpty();
    }

    @ParameterizedTest(name = "memory {0} is {1} bytes")
    @CsvSource({
        "512Mb, 512000000", "1Gb, 1000000000", "256MiB, 268435456", "1073741824, 1073741824",
        "1GiB, 1073741824", "64 MB, 64000000", "2k, 2000", "1.5Gi, 1610612736", "100b, 100", "0, 0"})
    void memoryIsReadWithTheUnitsBacalhauAccepts(String text, long bytes) {
        assertThat(ResourceParser.memoryBytes(text)).hasValue(bytes);
    }

    @ParameterizedTest(name = "memory \"{0}\" is invalid")
    @ValueSource(strings = {"", "lots", "-1Gb", "12 parsecs", "1Gbb", "99999999999Pb"})
    void memoryWithAnUnknownUnitIsInvalid(String text) {
        assertThat(ResourceParser.memoryBytes(text)).isEmpty();
    }

    @Test
    void invalidResourcesAreErrorsNamingTheirPath() {
        String text = dockerJobWithTask("Engine: {Type: docker, Params: {Image: a}}",
                "Resources:",
                "  CPU: fast",
                "  Memory: much");

        assertThat(problemsOf(text)).containsExactly(
                new SpecProblem("Tasks[0].Resources.CPU", 7,
                        "invalid CPU \"fast\": write cores (\"2\", \"0.5\") or millicores (\"500m\")"),
                new SpecProblem("Tasks[0].Resources.Memory", 8,
                        "invalid memory \"much\": write bytes with an optional unit (\"512Mb\", \"1Gb\", \"256MiB\")"));
    }

    @Test
    void resourcesThatIsNotAMapIsATypeError() {
        assertThat(problemsOf(dockerJobWithTask("Engine: {Type: docker, Params: {Image: a}}", "Resources: [1, 2]")))
                .containsExactly(new SpecProblem("Tasks[0].Resources", 6, "expected a map, got a list"));
    }

    @Test
    void absentResourcesMeanNoLimits() {
        TaskSpec task = SpecSamples.parser()
                .parse(dockerJobWithTask("Engine: {Type: docker, Params: {Image: a}}")).spec().task();

        assertThat(task.resources()).isEqualTo(ResourceSpec.NONE);
        assertThat(task.resources().hasLimits()).isFalse();
    }
}
