package io.harbormaster.core.execution;

/**
 * The lifecycle of one execution on this node.
 *
 * <pre>
 *                 submit
 *                   |
 *                   v
 *              +---------+
 *              | PENDING |----------------------------------+
 *              +---------+                                  |
 *                   | written before any side effect        |
 *                   v                                       |
 *              +----------+  re-run (recovery only,         |
 *        +---->| STARTING |<-----+ attempts + 1)            |
 *        |     +----------+      |                          |
 *        |          | handle     |                          |
 *        |          v exists     |                          |
 *        |     +---------+       |                          |
 *        +-----| RUNNING |-------+                          |
 *   re-run     +---------+                                  |
 *                   |                                       |
 *      +------------+------------+                          |
 *      | exit 0     | exit != 0  | cancel                   | cancel
 *      v            v            v                          v
 * +-----------+ +--------+ +-----------+               +-----------+
 * | COMPLETED | | FAILED | | CANCELLED |               | CANCELLED |
 * +-----------+ +--------+ +-----------+               +-----------+
 * </pre>
 *
 * STARTING may also end directly in FAILED (start refused) or CANCELLED, and COMPLETED/FAILED
 * straight from STARTING when the executor reports an exit before we saw it running.
 * Terminal states never change again.
 */
public enum ExecutionState {
    PENDING,
    STARTING,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** STARTING and RUNNING: something may exist outside the store that recovery must find. */
    public boolean isLive() {
        return this == STARTING || this == RUNNING;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
