package io.harbormaster.executors.plugin;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.TimeZone;
import org.slf4j.event.Level;

/**
 * Where a plugin's log lines go: stderr in the short console format until {@link #useFile} (the node reads the
 * tail of a plugin's stderr to explain a failed handshake), then the plugin's own file only, in the long format,
 * appended. Every line is written to the file as it comes, unbuffered, so a plugin that crashes or is killed
 * loses no line it logged. One lock orders the lines of all threads.
 */
final class PluginLogOutput {

    private final PrintStream console;
    /** The zone of the timestamps, read once as logback's date converter did. */
    private final TimeZone zone;
    private FileOutputStream file;

    PluginLogOutput(PrintStream console, TimeZone zone) {
        this.console = console;
        this.zone = zone;
    }

    /**
     * Appends every later line to {@code path} and nothing to stderr. If the file cannot be opened the lines keep
     * going to stderr, after a line saying why.
     */
    synchronized void useFile(Path path) {
        FileOutputStream opened;
        try {
            opened = new FileOutputStream(path.toFile(), true);
        } catch (IOException e) {
            console.println("harbormaster plugin: cannot log to " + path + ", logging to stderr: " + e.getMessage());
            console.flush();
            return;
        }
        closeFile();
        file = opened;
    }

    synchronized boolean toFile() {
        return file != null;
    }

    synchronized void write(PluginLogger logger, Level level, String message, Throwable throwable) {
        long now = System.currentTimeMillis();
        long local = now + zone.getOffset(now);
        if (file == null) {
            console.print(PluginLogFormat.consoleLine(local, level, logger.simpleName(), message, throwable));
            console.flush();
            return;
        }
        String line = PluginLogFormat.fileLine(local, level, Thread.currentThread().getName(), logger.abbreviatedName(),
                message, throwable);
        try {
            file.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the disk is full or the runtime dir gone: nowhere left to say so but stderr
            console.print(PluginLogFormat.consoleLine(local, Level.ERROR, PluginLogOutput.class.getSimpleName(),
                    "cannot write the plugin log: " + e.getMessage(), null));
            console.print(line);
            console.flush();
        }
    }

    private void closeFile() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // a file we stop writing to: nothing of ours is lost
            }
            file = null;
        }
    }
}
