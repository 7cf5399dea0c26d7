package io.harbormaster.core.api;

import io.harbormaster.core.node.ExecutionLogs;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Which of an execution's output files to read. */
public enum LogStream {
    STDOUT,
    STDERR,
    BOTH;

    List<Path> files(ExecutionLogs logs) {
        return switch (this) {
            case STDOUT -> List.of(logs.stdout());
            case STDERR -> List.of(logs.stderr());
            case BOTH -> List.of(logs.stdout(), logs.stderr());
        };
    }

    /** The spelling in the query string. */
    public String queryValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LogStream fromQuery(String value) {
        for (LogStream stream : values()) {
            if (stream.queryValue().equalsIgnoreCase(value)) {
                return stream;
            }
        }
        throw new ApiRequestException(400, "bad_request", "stream must be stdout, stderr or both, not " + value);
    }
}
