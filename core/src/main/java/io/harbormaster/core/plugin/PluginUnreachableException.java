package io.harbormaster.core.plugin;

/** The plugin's socket refused us, went away mid-call or did not answer in time; a later try may work. */
public class PluginUnreachableException extends PluginException {

    public PluginUnreachableException(String message, Throwable cause) {
        super(message, true, cause);
    }

    public PluginUnreachableException(String message) {
        this(message, null);
    }
}
