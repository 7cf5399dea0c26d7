package io.harbormaster.executors.plugin;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;

/**
 * {@link PluginLogFile} when logback is the backend (a plugin started without the launcher's
 * {@code slf4j.provider}, or {@link PluginMain} run inside a test's JVM). A class of its own so a plugin on
 * {@link PluginLogProvider} never loads a logback class, not even to check whether logback is there.
 */
final class LogbackLogFile {

    private LogbackLogFile() {
    }

    /** Returns false, changing nothing, if logback is not SLF4J's backend. */
    static boolean use(Object loggerFactory, Path file) {
        if (!(loggerFactory instanceof LoggerContext context)) {
            return false;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();

        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("plugin-file");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        return true;
    }
}
