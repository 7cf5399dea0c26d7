package io.harbormaster.core.node;

import java.nio.file.Path;

/** Where an execution's output is; the files may not exist yet if it has not started. */
public record ExecutionLogs(String executionId, Path stdout, Path stderr) {
}
