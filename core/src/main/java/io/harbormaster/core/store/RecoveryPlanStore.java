package io.harbormaster.core.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the recovery engine keeps its plans, in the store's file: a header per plan and one record per execution,
 * so applying one action rewrites one small record, not the whole plan. Records are opaque bytes (the engine's
 * JSON). Every save is durable before it returns, together with its decision records.
 */
public interface RecoveryPlanStore {

    /**
     * Writes the header (when non-null, which also makes this plan the current one), the items and the decision
     * records, all in one commit.
     *
     * @return the decision records as stored, with their sequence numbers
     */
    List<DecisionRecord> save(String planId, byte[] header, Map<String, byte[]> items, List<DecisionRecord> decisions);

    /** The plan saved last with a header. */
    Optional<String> currentPlanId();

    Optional<byte[]> header(String planId);

    /** Every item of the plan, in execution id order. */
    List<byte[]> items(String planId);
}
