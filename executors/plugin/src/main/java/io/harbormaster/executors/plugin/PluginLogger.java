package io.harbormaster.executors.plugin;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger of {@link PluginLogProvider}: a fixed level, set when it is made, and one shared
 * {@link PluginLogOutput}. Its two shortened names are worked out once, not for every line.
 */
final class PluginLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient PluginLogOutput output;
    /** The lowest {@link Level#toInt()} it writes. */
    private final int threshold;
    private final String abbreviatedName;
    private final String simpleName;

    PluginLogger(String name, int threshold, PluginLogOutput output) {
        this.name = name;
        this.threshold = threshold;
        this.output = output;
        this.abbreviatedName = PluginLogFormat.abbreviate(name, PluginLogFormat.LOGGER_LENGTH);
        this.simpleName = PluginLogFormat.simpleName(name);
    }

    String abbreviatedName() {
        return abbreviatedName;
    }

    String simpleName() {
        return simpleName;
    }

    @Override
    public boolean isTraceEnabled() {
        return threshold <= Level.TRACE.toInt();
    }

    @Override
    public boolean isDebugEnabled() {
        return threshold <= Level.DEBUG.toInt();
    }

    @Override
    public boolean isInfoEnabled() {
        return threshold <= Level.INFO.toInt();
    }

    @Override
    public boolean isWarnEnabled() {
        return threshold <= Level.WARN.toInt();
    }

    @Override
    public boolean isErrorEnabled() {
        return threshold <= Level.ERROR.toInt();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
            Throwable throwable) {
        String message = arguments == null || arguments.length == 0 ? messagePattern
                : MessageFormatter.basicArrayFormat(messagePattern, arguments);
        output.write(this, level, message, throwable);
    }
}
