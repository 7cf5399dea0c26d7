package io.harbormaster.systemtests.recovery;

import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryPlan;
import io.harbormaster.executors.docker.NodeProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/** What the recovery system tests share: where the docker executor runs, and reading the node's plan. */
final class RecoveryScenario {

    static final Duration WITHIN = Duration.ofSeconds(120);

    private RecoveryScenario() {
    }

    /** Writes config.yaml before the first start: {@code executors.docker.placement}. */
    static Path dataDirWithDockerPlacement(Path dir, String placement) throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("config.yaml"), """
                executors:
                  docker:
                    placement: %s
                """.formatted(placement), StandardCharsets.UTF_8);
        return data;
    }

    static RecoveryPlan plan(NodeProcess node) {
        RecoveryPlan plan = node.api().recoveryPlan().plan();
        if (plan == null) {
            throw new AssertionError("the node made no recovery plan");
        }
        return plan;
    }

    static PlanItem item(NodeProcess node, String executionId) {
        return plan(node).item(executionId)
                .orElseThrow(() -> new AssertionError(executionId + " is not in the node's recovery plan"));
    }

    /** Polls the node's plan until the execution's item matches. */
    static PlanItem awaitItem(NodeProcess node, String executionId, Predicate<PlanItem> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        PlanItem current = item(node, executionId);
        while (!condition.test(current)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("plan item of " + executionId + " still " + current.status() + " "
                        + current.chosen() + " after " + WITHIN + ": " + current);
            }
            Thread.sleep(200);
            current = item(node, executionId);
        }
        return current;
    }
}
