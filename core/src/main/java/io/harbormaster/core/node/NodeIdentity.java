package io.harbormaster.core.node;

import io.harbormaster.core.HarbormasterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The node id: made once per data dir and never changed, because every Docker object and plugin the
 * node creates carries it, and a reset removes only what carries it.
 */
public final class NodeIdentity {

    private NodeIdentity() {
    }

    public static String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "node-id", ".tmp");
            Files.writeString(tmp, "n-" + UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
            try {
                // no REPLACE_EXISTING: if another process won the race, its id stands
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException lostRace) {
                Files.deleteIfExists(tmp);
            }
            return read(file);
        } catch (IOException io) {
            throw new HarbormasterException("Cannot read or create the node id in " + file + ": " + io.getMessage(), io);
        }
    }

    private static String read(Path file) throws IOException {
        String id = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!id.matches("n-[0-9a-f-]{36}")) {
            throw new HarbormasterException("The node id file " + file + " holds '" + id
                    + "', not a node id. Restore it from a backup; do not delete it while containers of this node exist.");
        }
        return id;
    }
}
