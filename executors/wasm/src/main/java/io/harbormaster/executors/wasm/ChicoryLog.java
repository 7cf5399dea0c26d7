package io.harbormaster.executors.wasm;

import com.dylibso.chicory.log.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chicory's log, sent where the rest of ours goes. WASI's default logger is java.util.logging, which the
 * node and plugins use for nothing else: starting it for each WASI instance loaded the JUL machinery and
 * a thousand locale objects into every plugin running a module (issue 3: an idle plugin's memory).
 */
final class ChicoryLog implements Logger {

    static final ChicoryLog INSTANCE = new ChicoryLog();

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("com.dylibso.chicory");

    private ChicoryLog() {
    }

    @Override
    public void log(Level level, String message, Throwable failure) {
        switch (level) {
            case ALL, TRACE -> LOG.trace(message, failure);
            case DEBUG -> LOG.debug(message, failure);
            case INFO -> LOG.info(message, failure);
            case WARNING -> LOG.warn(message, failure);
            case ERROR -> LOG.error(message, failure);
            case OFF -> {
                // nothing
            }
        }
    }

    @Override
    public boolean isLoggable(Level level) {
        return switch (level) {
            case ALL, TRACE -> LOG.isTraceEnabled();
            case DEBUG -> LOG.isDebugEnabled();
            case INFO -> LOG.isInfoEnabled();
            case WARNING -> LOG.isWarnEnabled();
            case ERROR -> LOG.isErrorEnabled();
            case OFF -> false;
        };
    }
}
