package io.harbormaster.core.spec;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** The sample jobs under {@code specs/} and a parser configured the way they expect. */
final class SpecSamples {

    static final List<String> ALL = List.of("docker-batch.yaml", "docker-service.yaml", "wasm-batch.yaml",
            "wasm-service.yaml");

    static final LocalPathAllowList ALLOW_LIST =
            LocalPathAllowList.parse("/data/books,/data/site:ro,/data/modules/**,/data/out/**:rw");

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecSamples() {
    }

    static JobSpecParser parser() {
        return new JobSpecParser(ALLOW_LIST, Set.of("docker", "wasm"));
    }

    static String yaml(String name) {
        try (InputStream in = SpecSamples.class.getResourceAsStream("/specs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample as pretty JSON, bare or wrapped in {@code {"Job": ...}} like Bacalhau's PUT body. */
    static String json(String name, boolean wrapped) {
        try {
            JsonNode job = YAML.readTree(yaml(name));
            JsonNode body = job;
            if (wrapped) {
                ObjectNode wrapper = JSON.createObjectNode();
                wrapper.set("Job", job);
                body = wrapper;
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The problems the parser reports for {@code text}; fails the test if it accepts it. */
    static List<SpecProblem> problemsOf(String text) {
        return problemsOf(parser(), text);
    }

    static List<SpecProblem> problemsOf(JobSpecParser parser, String text) {
        try {
            ParsedJob job = parser.parse(text);
            return fail("expected the spec to be rejected, but it parsed as " + job);
        } catch (SpecInvalidException e) {
            return e.problems();
        }
    }

    /** A valid docker job whose task body is {@code taskLines}, indented for a task of Tasks. */
    static String dockerJobWithTask(String... taskLines) {
        StringBuilder text = new StringBuilder("""
                Name: j
                Type: batch
                Tasks:
                  - Name: t
                """);
        for (String line : taskLines) {
            text.append("    ").append(line).append('\n');
        }
        return text.toString();
    }
}
