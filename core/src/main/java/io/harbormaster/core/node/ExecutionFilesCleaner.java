package io.harbormaster.core.node;

import io.harbormaster.core.executor.ExecutionFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes the files of an execution that retention pruned from the store. */
final class ExecutionFilesCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionFilesCleaner.class);

    private ExecutionFilesCleaner() {
    }

    static void delete(ExecutionFiles files) {
        if (!Files.exists(files.dir())) {
            return;
        }
        try {
            Files.walkFileTree(files.dir(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException io) {
            LOG.warn("Could not delete the files of a pruned execution in {}: {}", files.dir(), io.getMessage());
        }
    }
}
