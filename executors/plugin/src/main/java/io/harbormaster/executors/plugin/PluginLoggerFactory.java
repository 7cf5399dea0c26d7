package io.harbormaster.executors.plugin;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * The loggers of a plugin process and their levels, as {@link PluginLogConfigurator} set logback's: the root
 * level from {@value #LEVEL_ENV} (INFO when unset or unknown), and {@code org.mapdb} and
 * {@code com.sun.net.httpserver} (with everything under them) at WARN whatever the root's.
 */
final class PluginLoggerFactory implements ILoggerFactory {

    static final String LEVEL_ENV = "HARBORMASTER_LOG_LEVEL";

    private static final String[] QUIET_PREFIXES = {"org.mapdb", "com.sun.net.httpserver"};
    private static final int QUIET_THRESHOLD = Level.WARN.toInt();
    private static final int OFF = Integer.MAX_VALUE;

    private final int rootThreshold;
    private final PluginLogOutput output;
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    /** @param rootLevel a level name in any case, as {@value #LEVEL_ENV} holds it; null for INFO */
    PluginLoggerFactory(String rootLevel, PluginLogOutput output) {
        this.rootThreshold = threshold(rootLevel);
        this.output = output;
    }

    PluginLogOutput output() {
        return output;
    }

    @Override
    public Logger getLogger(String name) {
        Logger logger = loggers.get(name);
        if (logger == null) {
            Logger made = new PluginLogger(name, thresholdOf(name), output);
            logger = loggers.putIfAbsent(name, made);
            if (logger == null) {
                logger = made;
            }
        }
        return logger;
    }

    private int thresholdOf(String name) {
        for (String prefix : QUIET_PREFIXES) {
            if (name.startsWith(prefix) && (name.length() == prefix.length() || name.charAt(prefix.length()) == '.')) {
                return QUIET_THRESHOLD;
            }
        }
        return rootThreshold;
    }

    /** Logback's names: the five levels, ALL (as TRACE) and OFF; anything else is INFO, as logback read it. */
    static int threshold(String level) {
        if (level == null) {
            return Level.INFO.toInt();
        }
        String trimmed = level.trim();
        for (Level candidate : Level.values()) {
            if (candidate.name().equalsIgnoreCase(trimmed)) {
                return candidate.toInt();
            }
        }
        if ("ALL".equalsIgnoreCase(trimmed)) {
            return Level.TRACE.toInt();
        }
        return "OFF".equalsIgnoreCase(trimmed) ? OFF : Level.INFO.toInt();
    }
}
