package io.harbormaster.executors.plugin;

import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Sends every log line to the plugin's own file in the runtime dir and nowhere else: after the
 * handshake the plugin must not depend on any pipe the (possibly dead) node held. Works with the plugin's own
 * backend ({@link PluginLogProvider}) and with logback ({@link LogbackLogFile}); any other backend decides
 * for itself where logs go.
 */
final class PluginLogFile {

    private PluginLogFile() {
    }

    static void use(Path file) {
        ILoggerFactory loggerFactory = LoggerFactory.getILoggerFactory();
        if (loggerFactory instanceof PluginLoggerFactory own) {
            own.output().useFile(file);
        } else {
            LogbackLogFile.use(loggerFactory, file); // logback is always on a plugin's classpath: core needs it
        }
    }
}
