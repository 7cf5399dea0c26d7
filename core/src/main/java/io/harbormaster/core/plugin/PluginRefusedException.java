package io.harbormaster.core.plugin;

/** The plugin answered a call with an error: a wrong token, an unknown operation, or the executor failed. */
public class PluginRefusedException extends PluginException {

    private final String code;

    public PluginRefusedException(String code, String message) {
        super("plugin refused: " + code + ": " + message, false);
        this.code = code;
    }

    /** The machine-readable error code from the wire ({@code unauthorized}, {@code executor-failed}, ...). */
    public String code() {
        return code;
    }
}
