package io.harbormaster.core.api;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes files that only this user may read, replacing the old content atomically. */
final class PrivateFiles {

    private PrivateFiles() {
    }

    /** The file never exists with wider permissions, not even for a moment: it is created 0600. */
    static void writePrivate(Path file, byte[] content) throws IOException {
        Path dir = file.getParent();
        String prefix = file.getFileName().toString();
        Path tmp = isPosix()
                ? Files.createTempFile(dir, prefix, ".tmp", ownerOnly())
                : Files.createTempFile(dir, prefix, ".tmp");
        try {
            Files.write(tmp, content);
            moveIntoPlace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void moveIntoPlace(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }
}
