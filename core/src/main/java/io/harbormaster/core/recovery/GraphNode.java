package io.harbormaster.core.recovery;

/**
 * One box of the recovery flowchart.
 *
 * @param id    stable key the traces refer to
 * @param label the text drawn in the box: the seed's own wording for the seed's nodes
 * @param kind  how to draw it: a question has answers on its edges, an action ends a path
 * @param seed  true for the nodes of the problem statement's chart, false for our extension
 */
public record GraphNode(String id, String label, Kind kind, boolean seed) {

    public enum Kind {
        /** Where every execution's path begins. */
        START,
        /** A question; its outgoing edges carry the answers. */
        QUESTION,
        /** Something done on the way (reattach to a plugin, take a new one). */
        STEP,
        /** Where a path ends: the action proposed for the execution. */
        ACTION
    }
}
