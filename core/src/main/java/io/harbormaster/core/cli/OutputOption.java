package io.harbormaster.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.api.ApiJson;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --output table|json|yaml} for commands that show records. */
public final class OutputOption {

    /** How a command prints what it shows. */
    public enum Format { TABLE, JSON, YAML }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
    private Format format = Format.TABLE;

    public Format format() {
        return format;
    }

    public boolean isTable() {
        return format == Format.TABLE;
    }

    /** Prints {@code value} as JSON or YAML, in the shape the API sends it. */
    public void print(PrintWriter out, Object value) {
        ObjectMapper mapper = format == Format.YAML ? ApiJson.yamlMapper() : ApiJson.jsonMapper();
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value).stripTrailing());
        } catch (JsonProcessingException e) {
            throw new HarbormasterException("Cannot print the answer as " + format + ": " + e.getOriginalMessage(), e);
        }
        out.flush();
    }
}
