package io.harbormaster.core.reset;

import io.harbormaster.core.HarbormasterException;

/** No reset plan has this id: it was never made on this data dir, or was mistyped. */
public final class UnknownResetPlanException extends HarbormasterException {

    private final String planId;

    public UnknownResetPlanException(String planId) {
        super("No reset plan " + planId + " on this node; make one with: harbormaster reset --dry-run");
        this.planId = planId;
    }

    public String planId() {
        return planId;
    }
}
