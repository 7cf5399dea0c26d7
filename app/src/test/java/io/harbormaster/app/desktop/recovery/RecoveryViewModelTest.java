package io.harbormaster.app.desktop.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.TestNodes;
import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeEvent;
import io.harbormaster.core.recovery.GraphEdge;
import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryAction;
import io.harbormaster.core.recovery.RecoveryGraph;
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
 * The recovery screen's logic on a real node restarted over executions it left behind, without a window:
 * background work and events run on the test thread.
 */
@Timeout(120)
class RecoveryViewModelTest {

    @TempDir
    Path dataDir;

    private ComputeNode node;
    private String batch;
    private RecoveryViewModel viewModel;

    @BeforeEach
    void restartOverALostBatch() {
        node = TestNodes.start(dataDir);
        batch = node.submit(TestNodes.wasmJob("lost", "batch", "ticker")).execution().id();
        await(() -> node.get(batch).map(e -> e.state() == ExecutionState.RUNNING).orElse(false));
        node.shutdown(false);
        node = TestNodes.start(dataDir);
        viewModel = new RecoveryViewModel(BackgroundTasks.inline(), "user:tester");
        viewModel.attach(node);
    }

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.shutdown(true);
        }
    }

    @Test
    void attachGroupsThePlanByActionAndSelectsTheFirstItem() {
        PlanItem item = viewModel.planProperty().get().item(batch).orElseThrow();

        assertThat(viewModel.groups()).anySatisfy(group -> {
            assertThat(group.action()).isEqualTo(item.chosen());
            assertThat(group.items()).extracting(PlanItem::executionId).contains(batch);
        });
        assertThat(viewModel.selectedProperty().get().executionId()).isEqualTo(batch);
        assertThat(viewModel.choices()).containsExactlyInAnyOrderElementsOf(item.allowed());
        assertThat(viewModel.hasDecisionsWaiting()).isTrue();
    }

    @Test
    void theLitPathFollowsTheTraceThroughEdgesOfTheCoreGraph() {
        PlanItem item = viewModel.selectedProperty().get();
        RecoveryGraph graph = viewModel.graphProperty().get();

        assertThat(viewModel.litNodes()).startsWith(item.trace().steps().get(0).node())
                .endsWith(RecoveryGraph.actionNode(item.proposed()));
        assertThat(viewModel.litEdges()).hasSize(item.trace().steps().size()).allMatch(graph.edges()::contains);
        assertThat(viewModel.litEdges()).extracting(GraphEdge::to).contains(RecoveryGraph.actionNode(item.proposed()));
    }

    @Test
    void anOverrideIsStoredAsTheChosenActionWithTheOperatorAsItsAuthor() {
        RecoveryAction other = viewModel.choices().stream()
                .filter(a -> a != RecoveryAction.WAIT && a != viewModel.selectedProperty().get().proposed())
                .findFirst().orElseThrow();

        viewModel.overrideSelected(other);

        PlanItem stored = node.recovery().plan().orElseThrow().item(batch).orElseThrow();
        assertThat(stored.chosen()).isEqualTo(other);
        assertThat(stored.decidedBy()).isEqualTo("user:tester");
        assertThat(viewModel.selectedProperty().get().chosen()).isEqualTo(other);
    }

    @Test
    void acceptAllAndApplyLeavesNothingWaiting() {
        viewModel.acceptAllAndApply();

        assertThat(viewModel.hasDecisionsWaiting()).isFalse();
        assertThat(node.recovery().plan().orElseThrow().item(batch).orElseThrow().status())
                .isEqualTo(PlanItem.Status.APPLIED);
        assertThat(node.get(batch).orElseThrow().state().isTerminal()).isTrue();
    }

    @Test
    void aDecisionMadeElsewhereShowsUpOnItsEvent() {
        node.recovery().approveAll("user:cli");

        viewModel.onEvent(new NodeEvent(1, Instant.now(), NodeEvent.Type.RECOVERY_DECISION, batch, null, "approved"));

        assertThat(viewModel.selectedProperty().get().status()).isEqualTo(PlanItem.Status.APPROVED);
        assertThat(viewModel.activity()).anyMatch(line -> line.contains(batch));
    }

    @Test
    void aRefusedDecisionIsShownNotThrown() {
        viewModel.acceptAllAndApply();

        viewModel.overrideSelected(RecoveryAction.REATTACH);

        assertThat(viewModel.messageProperty().get()).isNotBlank().doesNotStartWith("Chose");
    }

    @Test
    void theWizardOpensOnAFailProposalAndEndsOnAReportOfWhatWasApplied() {
        RecoveryWizardViewModel wizard = new RecoveryWizardViewModel(viewModel, BackgroundTasks.inline());
        assertThat(wizard.shouldOpen()).isTrue();
        assertThat(wizard.headlineProperty().get()).as("the node detached: a clean stop")
                .startsWith("Clean restart: ").contains("1 execution was live");
        assertThat(wizard.groupLines()).singleElement().asString().startsWith("FAIL (1, needs approval)");

        wizard.acceptAllAndApply();

        assertThat(wizard.pageProperty().get()).isEqualTo(RecoveryWizardViewModel.Page.REPORT);
        assertThat(wizard.reportProperty().get()).contains(batch + ": proposed FAIL, chosen FAIL, APPLIED by user:tester");
    }

    @Test
    void theWizardsReportIsSavedAsShown(@org.junit.jupiter.api.io.TempDir Path out) throws java.io.IOException {
        RecoveryWizardViewModel wizard = new RecoveryWizardViewModel(viewModel, BackgroundTasks.inline());
        wizard.acceptAllAndApply();
        Path file = out.resolve("report.txt");

        wizard.saveReport(file);

        assertThat(java.nio.file.Files.readString(file)).isEqualTo(wizard.reportProperty().get()).contains(batch);
        assertThat(viewModel.messageProperty().get()).contains(file.toString());
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
