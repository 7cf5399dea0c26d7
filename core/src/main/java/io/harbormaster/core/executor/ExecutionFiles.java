package io.harbormaster.core.executor;

import java.nio.file.Path;

/**
 * The per-execution files under the data dir. Whoever runs the execution writes {@code stdout},
 * {@code stderr} and, once it ends, {@code exit} (the exit record), so a result outlives both
 * the node and the runner.
 */
public record ExecutionFiles(Path dir, Path stdout, Path stderr, Path exit) {

    public static ExecutionFiles under(Path executionsRoot, String executionId) {
        Path dir = executionsRoot.resolve(executionId);
        return new ExecutionFiles(dir, dir.resolve("stdout.log"), dir.resolve("stderr.log"), dir.resolve("exit.json"));
    }
}
