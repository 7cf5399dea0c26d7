package io.harbormaster.core.recovery;

/** Told of every plan change and decision, after it is persisted; implementations return quickly. */
public interface RecoveryListener {

    RecoveryListener NONE = new RecoveryListener() {
        @Override
        public void planChanged(RecoveryPlan plan, String what) {
        }

        @Override
        public void decided(PlanItem item, String who) {
        }
    };

    void planChanged(RecoveryPlan plan, String what);

    void decided(PlanItem item, String who);
}
