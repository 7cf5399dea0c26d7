package io.harbormaster.core.plugin;

/**
 * A plugin we just spawned exited early, printed garbage or never printed its handshake. The message
 * ends with the tail of its stderr log, which is where the reason usually is.
 */
public class PluginLaunchException extends PluginException {

    private final long pid;

    /** @param pid the process we started and killed again, or -1 if none was started */
    public PluginLaunchException(String message, long pid, Throwable cause) {
        super(message, false, cause);
        this.pid = pid;
    }

    public long pid() {
        return pid;
    }
}
