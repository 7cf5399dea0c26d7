package io.harbormaster.executors.wasm;

import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.spec.InputSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the .wasm file an {@code EntryModule} names: the file itself, or the only .wasm in a directory. */
final class EntryModuleLocator {

    private EntryModuleLocator() {
    }

    static Path locate(InputSource entryModule) {
        if (!InputSource.LOCAL_DIRECTORY.equals(entryModule.sourceType())) {
            throw refused("EntryModule source type " + entryModule.sourceType() + " is not supported; use "
                    + InputSource.LOCAL_DIRECTORY);
        }
        Path path = Path.of(entryModule.sourcePath());
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw refused("EntryModule " + path + " does not exist");
        }
        List<Path> candidates;
        try (Stream<Path> files = Files.list(path)) {
            candidates = files.filter(f -> f.getFileName().toString().endsWith(".wasm"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ExecutorException("cannot list EntryModule directory " + path + ": " + e.getMessage(), true, e);
        }
        if (candidates.isEmpty()) {
            throw refused("EntryModule directory " + path + " holds no .wasm file");
        }
        if (candidates.size() > 1) {
            throw refused("EntryModule directory " + path + " holds " + candidates.size()
                    + " .wasm files " + candidates.stream().map(p -> p.getFileName().toString()).toList()
                    + "; name the file in SourcePath");
        }
        return candidates.get(0);
    }

    private static ExecutorException refused(String message) {
        return new ExecutorException(message, false);
    }
}
