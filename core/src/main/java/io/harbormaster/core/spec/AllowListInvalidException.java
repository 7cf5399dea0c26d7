package io.harbormaster.core.spec;

import io.harbormaster.core.HarbormasterException;

/** An entry of {@code --allow-listed-local-paths} (or {@code allowListedLocalPaths}) cannot be used. */
public class AllowListInvalidException extends HarbormasterException {

    public AllowListInvalidException(String message) {
        super(message);
    }
}
