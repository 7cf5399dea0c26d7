package io.harbormaster.core.recovery;

import io.harbormaster.core.HarbormasterException;

/** An operator's decision that cannot be taken: unknown execution, finished item, or an action not allowed. */
public class RecoveryDecisionException extends HarbormasterException {

    public RecoveryDecisionException(String message) {
        super(message);
    }
}
