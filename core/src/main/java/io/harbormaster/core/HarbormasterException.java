package io.harbormaster.core;

/**
 * Root of every exception the core throws on purpose. Unchecked, like Chicory's ChicoryException:
 * callers handle the subclasses they can act on and let the rest reach the one place that reports them.
 *
 * <p>{@link #userMessage()} is what an operator reads; {@link #getMessage()} may carry technical detail.
 */
public class HarbormasterException extends RuntimeException {

    private final String userMessage;

    public HarbormasterException(String message) {
        this(message, message, null);
    }

    public HarbormasterException(String message, Throwable cause) {
        this(message, message, cause);
    }

    public HarbormasterException(String userMessage, String technicalMessage, Throwable cause) {
        super(technicalMessage, cause);
        this.userMessage = userMessage;
    }

    /** What to show an operator: says what happened and, where possible, what to do. */
    public String userMessage() {
        return userMessage;
    }
}
