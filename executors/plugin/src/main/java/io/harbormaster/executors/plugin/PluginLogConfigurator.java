package io.harbormaster.executors.plugin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.harbormaster.core.plugin.PluginLauncher;

/**
 * Configures logging in a plugin process in code, as {@code logback.xml} would, so the plugin never loads
 * logback's XML configurator and the JDK's XML parser (a few hundred classes, about 2 MiB of an idle plugin's
 * memory). Anywhere else (the node, the tests) it steps aside and {@code logback.xml} applies as before.
 * {@link PluginLogFile} then moves the plugin's log to its file.
 *
 * <p>A plugin the node launches logs through {@link PluginLogProvider} and never loads logback; this is for a
 * plugin whose JVM options choose logback again ({@code -Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider}).
 */
public final class PluginLogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(PluginLauncher.TYPE_PROPERTY) == null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        String level = System.getenv("HARBORMASTER_LOG_LEVEL");
        root.setLevel(Level.toLevel(level, Level.INFO));
        root.addAppender(console);
        context.getLogger("org.mapdb").setLevel(Level.WARN);
        context.getLogger("com.sun.net.httpserver").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
