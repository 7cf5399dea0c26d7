package io.harbormaster.app.desktop.executions;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The end of an execution's output file. Only the last bytes are read, so a service that has
 * logged for a month costs the details pane the same as one that just started.
 */
public final class LogTail {

    public static final int DEFAULT_BYTES = 64 * 1024;

    private LogTail() {
    }

    /** The last {@code maxBytes} of {@code file}, starting at a line; empty if it does not exist yet. */
    public static String read(Path file, int maxBytes) {
        if (file == null || !Files.isRegularFile(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.max(0, length - maxBytes);
            byte[] bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (from > 0) {
                int firstLine = text.indexOf('\n');
                text = firstLine >= 0 ? text.substring(firstLine + 1) : text;
            }
            return text;
        } catch (IOException unreadable) {
            return "(cannot read " + file + ": " + unreadable.getMessage() + ")";
        }
    }
}
