package io.harbormaster.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.store.DecisionRecord;
import io.harbormaster.core.store.MapDbExecutionStore;
import io.harbormaster.core.store.PreviousRun;
import io.harbormaster.core.store.Transition;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The engine on a real MapDB store, with fake executors and a recorder in place of the node's actions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecoveryEngineTest {

    @TempDir
    Path dir;

    private MapDbExecutionStore store;
    private final FakeExecutor docker = new FakeExecutor("docker");
    private final FakeTargets targets = new FakeTargets().inProcess(docker);
    private final Recorder actions = new Recorder();
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void openStore() {
        store = MapDbExecutionStore.open(dir.resolve("store"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void safeApprovalAppliesSafeActionsAtOnceAndLeavesTheRestProposed() {
        Execution running = live("e-run", "batch");
        Execution lost = live("e-lost", "batch");
        docker.answer("e-run", new Observation.Running("container running")).answer("e-lost", new Observation.Gone("none"));

        RecoveryPlan plan = engine("safe", Map.of()).start(List.of(running, lost)).orElseThrow();

        assertThat(plan.item("e-run").orElseThrow().status()).isEqualTo(PlanItem.Status.APPLIED);
        assertThat(plan.item("e-lost").orElseThrow().status()).isEqualTo(PlanItem.Status.PROPOSED);
        assertThat(plan.item("e-lost").orElseThrow().proposed()).isEqualTo(RecoveryAction.FAIL);
        assertThat(actions.applied).containsExactly("e-run:REATTACH");
        assertThat(actions.persistedStatusAtApply).containsExactly(PlanItem.Status.APPLYING);
        assertThat(decisions()).anyMatch(d -> "e-lost".equals(d.executionId()) && d.kind().equals("PROPOSED")
                && d.detail().startsWith("FAIL") && d.actor().equals("planner:extended"));
        assertThat(decisions()).anyMatch(d -> d.kind().equals("PLAN") && d.executionId() == null
                && d.detail().startsWith("2 live executions planned") && d.detail().contains("FAIL=1"));
        assertThat(decisions()).as("approved by the policy as planned: its APPROVED line says what was proposed")
                .noneMatch(d -> "e-run".equals(d.executionId()) && d.kind().equals("PROPOSED"));
        assertThat(decisions()).anyMatch(d -> "e-run".equals(d.executionId()) && d.kind().equals("APPLIED")
                && d.actor().equals("policy:safe") && d.detail().contains("proposed REATTACH, chosen REATTACH")
                && d.detail().contains("outcome: done"));
    }

    @Test
    void askApprovalAppliesNothingAndAutoAppliesEverythingButWait() {
        Execution lost = live("e-lost", "service");
        docker.answer("e-lost", new Observation.Gone("none"));
        assertThat(engine("ask", Map.of()).start(List.of(lost)).orElseThrow().item("e-lost").orElseThrow().status())
                .isEqualTo(PlanItem.Status.PROPOSED);
        assertThat(actions.applied).isEmpty();

        docker.answer("e-unknown", new Observation.Unknown("engine down"));
        Execution unknown = live("e-unknown", "service");
        RecoveryPlan plan = engine("auto", Map.of()).start(List.of(lost, unknown)).orElseThrow();
        assertThat(actions.applied).containsExactly("e-lost:RERUN");
        assertThat(plan.item("e-unknown").orElseThrow().status()).isEqualTo(PlanItem.Status.PROPOSED);
    }

    @Test
    void aPerActionSettingOverridesTheApprovalMode() {
        Execution lost = live("e-lost", "service");
        docker.answer("e-lost", new Observation.Gone("none"));

        engine("safe", Map.of("RERUN", "auto")).start(List.of(lost));

        assertThat(actions.applied).containsExactly("e-lost:RERUN");
    }

    @Test
    void theOperatorApprovesOrOverridesWithAnAllowedActionThenApplies() {
        Execution lost = live("e-lost", "batch");
        Execution stuck = live("e-stuck", "service");
        docker.answer("e-lost", new Observation.Gone("none")).answer("e-stuck", new Observation.Unknown("engine down"));
        RecoveryEngine engine = engine("safe", Map.of());
        engine.start(List.of(lost, stuck));

        assertThatThrownBy(() -> engine.override("e-lost", RecoveryAction.REATTACH, "user:test"))
                .isInstanceOf(RecoveryDecisionException.class).hasMessageContaining("not allowed");
        engine.approve(List.of("e-lost"), "user:alice");
        engine.override("e-stuck", RecoveryAction.CANCEL, "user:bob");
        assertThat(actions.applied).isEmpty();

        RecoveryPlan plan = engine.apply("user:alice");

        assertThat(actions.applied).containsExactlyInAnyOrder("e-lost:FAIL", "e-stuck:CANCEL");
        assertThat(plan.item("e-stuck").orElseThrow().decidedBy()).isEqualTo("user:bob");
        assertThat(decisions()).anyMatch(d -> "e-stuck".equals(d.executionId()) && d.kind().equals("APPROVED")
                && d.actor().equals("user:bob") && d.detail().startsWith("CANCEL - proposed WAIT, chosen CANCEL"));
        assertThatThrownBy(() -> engine.approve(List.of("e-lost"), "user:alice"))
                .isInstanceOf(RecoveryDecisionException.class).hasMessageContaining("already APPLIED");
        engine.apply("user:alice");
        assertThat(actions.applied).as("applying again does nothing twice").hasSize(2);
    }

    @Test
    void waitIsNeverApprovedSoTheNextProbeCanStillDecideIt() {
        Execution stuck = live("e-stuck", "service");
        Execution lost = live("e-lost", "batch");
        docker.answer("e-stuck", new Observation.Unknown("engine down")).answer("e-lost", new Observation.Gone("none"));
        RecoveryEngine engine = engine("safe", Map.of());
        engine.start(List.of(stuck, lost));

        assertThatThrownBy(() -> engine.approve(List.of("e-stuck"), "user:alice"))
                .isInstanceOf(RecoveryDecisionException.class).hasMessageContaining("recovery override");
        RecoveryPlan approvedAll = engine.approveAll("user:alice");
        assertThat(approvedAll.item("e-stuck").orElseThrow().status()).isEqualTo(PlanItem.Status.PROPOSED);
        assertThat(approvedAll.item("e-lost").orElseThrow().status()).isEqualTo(PlanItem.Status.APPROVED);
        RecoveryPlan deferred = engine.override("e-stuck", RecoveryAction.WAIT, "user:bob");
        assertThat(deferred.item("e-stuck").orElseThrow().status()).isEqualTo(PlanItem.Status.PROPOSED);
        assertThat(deferred.item("e-stuck").orElseThrow().decidedBy()).isEqualTo("user:bob");
        engine.apply("user:alice");
        assertThat(actions.applied).containsExactly("e-lost:FAIL");

        docker.answer("e-stuck", new Observation.Running("engine back"));
        engine.refresh("probe:periodic");

        assertThat(actions.applied).containsExactly("e-lost:FAIL", "e-stuck:REATTACH");
        assertThat(decisions()).anyMatch(d -> d.kind().equals("DEFERRED") && d.actor().equals("user:bob"));
    }

    @Test
    void anAnswerThatChangedBeforeApplyingSendsTheItemBackToProposed() {
        Execution lost = live("e-1", "service");
        docker.answer("e-1", new Observation.Gone("none"));
        RecoveryEngine engine = engine("safe", Map.of());
        engine.start(List.of(lost));
        engine.approve(List.of("e-1"), "user:alice");
        clock.advance(Duration.ofMinutes(1));
        docker.answer("e-1", new Observation.Running("container came back"));

        RecoveryPlan plan = engine.apply("user:alice");

        // back to proposed with the new answer; REATTACH is safe, so the policy applies it at once
        assertThat(actions.applied).containsExactly("e-1:REATTACH");
        assertThat(plan.item("e-1").orElseThrow().trace().observed()).isEqualTo(RecoveryGraph.RUNNING);
        assertThat(decisions()).anyMatch(d -> d.kind().equals("REPROPOSED") && d.detail().startsWith("REATTACH"));
    }

    @Test
    void waitingItemsTurnIntoProposalsWhenTheNextProbeCanTell() {
        Execution service = live("e-1", "service");
        docker.answer("e-1", new Observation.Unknown("engine down"));
        RecoveryEngine engine = engine("safe", Map.of());
        engine.start(List.of(service));
        assertThat(actions.applied).isEmpty();

        engine.refresh("probe:periodic");
        assertThat(actions.applied).as("still unknown: nothing done").isEmpty();
        docker.answer("e-1", new Observation.Running("engine back, container running"));
        engine.refresh("probe:periodic");

        assertThat(actions.applied).containsExactly("e-1:REATTACH");
    }

    @Test
    void aNodeKilledWhileApplyingFinishesThoseActionsOnceAndCarriesOverApprovals() {
        Execution applying = live("e-applying", "service");
        Execution approved = live("e-approved", "batch");
        docker.answer("e-applying", new Observation.Gone("none")).answer("e-approved", new Observation.Gone("none"));
        RecoveryEngine before = engine("safe", Map.of());
        before.start(List.of(applying, approved));
        before.approve(List.of("e-approved"), "user:alice");
        // what a kill -9 between "APPLYING stored" and "APPLIED stored" leaves behind
        RecoveryPlanRepository repository = new RecoveryPlanRepository(store.recoveryPlans());
        RecoveryPlan persisted = repository.current().orElseThrow();
        PlanItem interrupted = persisted.item("e-applying").orElseThrow()
                .decided(RecoveryAction.RERUN, "user:alice", clock.instant()).withStatus(PlanItem.Status.APPLYING, null);
        repository.saveItems(persisted.planId(), List.of(interrupted), List.of());
        String firstPlan = persisted.planId();

        RecoveryPlan after = engine("safe", Map.of()).start(List.of(applying, approved)).orElseThrow();

        assertThat(actions.applied).containsExactly("e-applying:RERUN");
        assertThat(repository.current().orElseThrow().planId()).isEqualTo(after.planId());
        assertThat(after.planId()).isNotEqualTo(firstPlan);
        assertThat(after.item("e-applying")).as("finished under the old plan, not planned again").isEmpty();
        PlanItem carried = after.item("e-approved").orElseThrow();
        assertThat(carried.status()).as("an operator's approval waits for the operator's apply").isEqualTo(
                PlanItem.Status.APPROVED);
        assertThat(carried.decidedBy()).isEqualTo("user:alice");
        assertThat(decisions()).anyMatch(d -> d.planId().equals(firstPlan) && d.kind().equals("APPLIED")
                && "e-applying".equals(d.executionId()) && d.actor().equals("recovery:resume"));
    }

    @Test
    void whenOnlyInterruptedActionsWereLeftThePlanShowsThemFinished() {
        Execution service = live("e-1", "service");
        docker.answer("e-1", new Observation.Gone("none"));
        engine("ask", Map.of()).start(List.of(service));
        RecoveryPlanRepository repository = new RecoveryPlanRepository(store.recoveryPlans());
        RecoveryPlan persisted = repository.current().orElseThrow();
        repository.saveItems(persisted.planId(), List.of(persisted.item("e-1").orElseThrow()
                .decided(RecoveryAction.RERUN, "user:alice", clock.instant())
                .withStatus(PlanItem.Status.APPLYING, null)), List.of());
        RecoveryEngine restarted = engine("ask", Map.of());

        restarted.start(List.of(service));

        PlanItem item = restarted.plan().orElseThrow().item("e-1").orElseThrow();
        assertThat(item.status()).isEqualTo(PlanItem.Status.APPLIED);
        assertThat(repository.current().orElseThrow().item("e-1").orElseThrow().status())
                .isEqualTo(PlanItem.Status.APPLIED);
        assertThat(actions.applied).containsExactly("e-1:RERUN");
    }

    @Test
    void thePlanIsReadBackFromTheStoreAsItWasSaved() {
        Execution exited = live("e-1", "batch");
        docker.answer("e-1", new Observation.Exited(7, Instant.parse("2026-01-01T10:42:00Z"), "exited 7"));
        RecoveryPlan plan = engine("ask", Map.of()).start(List.of(exited)).orElseThrow();

        RecoveryPlan read = new RecoveryPlanRepository(store.recoveryPlans()).current().orElseThrow();

        assertThat(read).isEqualTo(plan);
        assertThat(read.item("e-1").orElseThrow().trace().exitCode()).isEqualTo(7);
    }

    @Test
    void thePlanSaysHowTheRunBeforeItEndedAndKeepsItInTheStore() {
        store.close();
        store = MapDbExecutionStore.open(dir.resolve("store"));
        Execution exited = live("e-1", "batch");
        docker.answer("e-1", new Observation.Exited(0, Instant.parse("2026-01-01T10:42:00Z"), "exited 0"));

        RecoveryEngine engine = engine("ask", Map.of());
        RecoveryPlan plan = engine.start(List.of(exited)).orElseThrow();

        assertThat(engine.previousRun().ending()).isEqualTo(PreviousRun.Ending.CLEAN);
        assertThat(plan.previousRun()).isEqualTo(store.previousRun());
        assertThat(new RecoveryPlanRepository(store.recoveryPlans()).current().orElseThrow().previousRun())
                .isEqualTo(plan.previousRun());
    }

    private RecoveryEngine engine(String approval, Map<String, String> perAction) {
        return new RecoveryEngine(store, new RecoveryProber(targets, Duration.ofSeconds(10)), RecoveryPolicy.EXTENDED,
                ApprovalPolicy.of(approval, perAction), actions, clock, RecoveryListener.NONE);
    }

    private Execution live(String id, String type) {
        Execution created = store.create(RecoveryFixtures.execution(id, type));
        Execution starting = store.transition(id, created.revision(), Transition.to(ExecutionState.STARTING, "starting"));
        return store.transition(id, starting.revision(), Transition.to(ExecutionState.RUNNING, "running"));
    }

    private List<DecisionRecord> decisions() {
        return store.decisions().read(0, 10_000);
    }

    /** Records what would have been done, and what the store said about the item at that moment. */
    private final class Recorder implements RecoveryActions {
        final List<String> applied = new CopyOnWriteArrayList<>();
        final List<PlanItem.Status> persistedStatusAtApply = new ArrayList<>();

        @Override
        public String apply(Execution current, PlanItem item) {
            applied.add(item.executionId() + ":" + item.chosen());
            new RecoveryPlanRepository(store.recoveryPlans()).current()
                    .flatMap(p -> p.item(item.executionId())).ifPresent(p -> persistedStatusAtApply.add(p.status()));
            return "done";
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
