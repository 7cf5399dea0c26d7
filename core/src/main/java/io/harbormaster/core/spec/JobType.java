package io.harbormaster.core.spec;

/** Bacalhau's job types. {@code service} and {@code daemon} are long-running; the others end on their own. */
public enum JobType {
    BATCH,
    OPS,
    SERVICE,
    DAEMON;

    public boolean isLongRunning() {
        return this == SERVICE || this == DAEMON;
    }

    /** The spelling Bacalhau files use. */
    public String specName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
