package io.harbormaster.core.api;

import io.harbormaster.core.HarbormasterException;

/**
 * The API refused or failed a request: thrown by route handlers to answer with {@code status}, and by
 * the client for answers that have no more specific exception.
 */
public class ApiRequestException extends HarbormasterException {

    private final int status;
    private final String code;

    public ApiRequestException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** Machine-readable reason, e.g. {@code body_too_large}. */
    public String code() {
        return code;
    }
}
