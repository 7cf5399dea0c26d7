package io.harbormaster.app.desktop.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.TestNodes;
import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryAction;
import io.harbormaster.core.store.PreviousRun;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's review path on a real node restarted over a service and a batch it lost (in-process wasm ends with
 * the node): by group, decide, apply with progress, report. Background work runs on the test thread.
 */
@Timeout(120)
class RecoveryWizardViewModelTest {

    @TempDir
    Path dataDir;

    private ComputeNode node;
    private String service;
    private String batch;
    private RecoveryViewModel recovery;
    private RecoveryWizardViewModel wizard;

    @BeforeEach
    void restartOverALostServiceAndBatch() {
        node = TestNodes.start(dataDir);
        service = node.submit(TestNodes.wasmJob("lost-service", "service", "ticker")).execution().id();
        batch = node.submit(TestNodes.wasmJob("lost-batch", "batch", "ticker")).execution().id();
        await(() -> running(service) && running(batch));
        node.shutdown(false);
        node = TestNodes.start(dataDir);
        recovery = new RecoveryViewModel(BackgroundTasks.inline(), "user:tester");
        recovery.attach(node);
        wizard = new RecoveryWizardViewModel(recovery, BackgroundTasks.inline());
    }

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.shutdown(true);
        }
    }

    @Test
    void reviewGoesGroupByGroupInTheFlowchartsOrderOfActions() {
        wizard.reviewEach();

        assertThat(wizard.pageProperty().get()).isEqualTo(RecoveryWizardViewModel.Page.REVIEW);
        WizardReview review = wizard.review();
        assertThat(review.titleProperty().get()).startsWith("Group 1 of 2: RERUN proposed for 1 execution");
        assertThat(review.rows()).extracting(WizardReview.Row::executionId).containsExactly(service);
        assertThat(review.firstProperty().get()).isTrue();
        assertThat(review.lastProperty().get()).isFalse();

        wizard.nextGroup();

        assertThat(review.titleProperty().get()).startsWith("Group 2 of 2: FAIL proposed");
        assertThat(review.rows()).extracting(WizardReview.Row::executionId).containsExactly(batch);
        assertThat(review.lastProperty().get()).isTrue();
    }

    @Test
    void theChoicesAreExactlyWhatTheCoreAllowsForTheSelectedExecution() {
        wizard.reviewEach();
        wizard.nextGroup();

        assertThat(wizard.review().selectedIdProperty().get()).isEqualTo(batch);
        assertThat(wizard.review().choices()).containsExactlyInAnyOrderElementsOf(stored(batch).allowed())
                .doesNotContain(RecoveryAction.REATTACH, RecoveryAction.ADOPT_RESULT);
    }

    @Test
    void approvingAGroupAndOverridingOneThenApplyingEndsOnAReportOfBoth() {
        wizard.reviewEach();
        wizard.approveGroup();
        assertThat(stored(service).status()).isEqualTo(PlanItem.Status.APPROVED);
        assertThat(stored(service).decidedBy()).isEqualTo("user:tester");
        wizard.nextGroup();

        wizard.chooseForSelected(RecoveryAction.CANCEL);

        assertThat(stored(batch).chosen()).isEqualTo(RecoveryAction.CANCEL);
        assertThat(wizard.review().rows()).as("an override stays in the group it was found in")
                .singleElement().satisfies(row -> {
                    assertThat(row.chosen()).isEqualTo(RecoveryAction.CANCEL);
                    assertThat(row.line()).contains("proposed FAIL, chosen CANCEL (APPROVED by user:tester)");
                });

        wizard.applyDecisions();

        assertThat(wizard.pageProperty().get()).isEqualTo(RecoveryWizardViewModel.Page.REPORT);
        assertThat(wizard.progressProperty().get()).isEqualTo(1.0);
        assertThat(wizard.progressTextProperty().get()).isEqualTo("Applied 2 of 2");
        assertThat(node.get(batch).orElseThrow().state()).isEqualTo(ExecutionState.CANCELLED);
        assertThat(node.get(service).orElseThrow().attempts()).isEqualTo(2);
        assertThat(wizard.reportProperty().get())
                .contains(batch + ": proposed FAIL, chosen CANCEL, APPLIED by user:tester")
                .contains(service + ": proposed RERUN, chosen RERUN, APPLIED by user:tester");
    }

    @Test
    void applyingAppliesOnlyWhatWasDecidedAndTheRestKeepsWaiting() {
        wizard.reviewEach();
        wizard.nextGroup();
        wizard.approveGroup();

        wizard.applyDecisions();

        assertThat(wizard.progressTextProperty().get()).isEqualTo("Applied 1 of 1");
        assertThat(stored(batch).status()).isEqualTo(PlanItem.Status.APPLIED);
        assertThat(stored(service).status()).isEqualTo(PlanItem.Status.PROPOSED);
        assertThat(node.get(service).orElseThrow().attempts()).isEqualTo(1);
        assertThat(wizard.shouldOpen()).as("the service still waits").isTrue();
    }

    @Test
    void aRefusedChoiceIsShownAndChangesNothing() {
        wizard.reviewEach();

        wizard.chooseForSelected(RecoveryAction.ADOPT_RESULT);

        assertThat(wizard.messageProperty().get()).contains("not allowed");
        assertThat(stored(service).status()).isEqualTo(PlanItem.Status.PROPOSED);
    }

    @Test
    void theHeadlineSaysCrashDetectedWithThePidAndLastWriteOfTheDeadRun() {
        PreviousRun crashed = new PreviousRun(PreviousRun.Ending.CRASHED, Instant.parse("2026-11-28T10:00:00Z"),
                Instant.parse("2026-11-28T10:42:07Z"), 4242);

        assertThat(RecoveryWizardViewModel.whatHappened(crashed))
                .startsWith("Crash detected: the node's last run (pid 4242) ended without closing its store")
                .contains("last wrote at 2026-11-28");
        assertThat(RecoveryWizardViewModel.whatHappened(PreviousRun.firstStart())).startsWith("First start");
    }

    private PlanItem stored(String executionId) {
        return node.recovery().plan().orElseThrow().item(executionId).orElseThrow();
    }

    private boolean running(String id) {
        return node.get(id).map(e -> e.state() == ExecutionState.RUNNING).orElse(false);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", interrupted);
            }
        }
    }
}
