package io.harbormaster.core.api;

import io.harbormaster.core.recovery.RecoveryGraph;
import io.harbormaster.core.recovery.RecoveryPlan;

/** The recovery plan (null when none was needed) with the graph its traces walk. */
public record RecoveryView(RecoveryPlan plan, RecoveryGraph graph) {
}
