package io.harbormaster.core.reset;

/** How far a reset goes. */
public enum ResetMode {
    /** Removes only what no live execution uses: leftovers of crashes and of finished work. */
    ORPHANS,
    /** Also stops every live execution (recorded CANCELLED with the reason), then removes everything. */
    FULL
}
