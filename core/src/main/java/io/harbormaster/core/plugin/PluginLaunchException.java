package io.harbormaster.core.plugin;

/**
 * A plugin we just spawned exited early, printed garbage or never printed its handshake. The message
 * ends with the tail of its stderr log, which is where the reason usually is.
 */
public class PluginLaunchException extends PluginException {

    public PluginLaunchException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
