package io.harbormaster.core.plugin;

/**
 * The other side spoke something we do not understand: a garbage handshake or message, or another
 * protocol version. Not recoverable by retrying the same plugin.
 */
public class PluginProtocolException extends PluginException {

    public PluginProtocolException(String message) {
        super(message, false);
    }

    public PluginProtocolException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
