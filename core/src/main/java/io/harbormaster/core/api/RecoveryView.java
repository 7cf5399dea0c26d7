package io.harbormaster.core.api;

import io.harbormaster.core.recovery.RecoveryGraph;
import io.harbormaster.core.recovery.RecoveryPlan;
import io.harbormaster.core.store.PreviousRun;

/**
 * The recovery plan (null when none was needed) with the graph its traces walk, and how the run before this node's
 * start ended (null from a node older than that record).
 */
public record RecoveryView(RecoveryPlan plan, RecoveryGraph graph, PreviousRun previousRun) {
}
