package io.harbormaster.core.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeEvent;
import io.harbormaster.core.node.NodeOptions;
import io.harbormaster.core.node.NodeService;
import io.harbormaster.core.plugin.PluginHandshake;
import io.harbormaster.core.plugin.PluginLauncher;
import io.harbormaster.core.store.DecisionRecord;
import io.harbormaster.core.testing.TestJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Environment reset on a real node (in-process, real MapDB store, real local processes standing in for
 * plugins and for executions). Every refusal is tried on a real process: a pid that is alive but started
 * at another time than recorded is never signalled.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EnvironmentResetTest {

    private static final String ACTOR = "operator:test";

    @TempDir
    Path dataDir;

    private ComputeNode node;
    private final List<Process> strangers = new ArrayList<>();

    @BeforeEach
    void startNode() {
        node = ComputeNode.start(NodeOptions.builder(dataDir).apiEnabled(false).build());
    }

    @AfterEach
    void stopEverything() {
        if (node != null) {
            node.shutdown(true);
        }
        for (Process process : strangers) {
            process.destroyForcibly();
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    @Test
    void orphanPluginProcessRecordedInTheStoreIsStoppedAndItsSocketAndTokenRemoved() throws Exception {
        Process plugin = sleeper();
        Path socket = runtimeFile("d-orphan.sock");
        Path token = runtimeFile("d-orphan.token");
        finishedExecutionWithPlugin(plugin.toHandle(), plugin.toHandle().info().startInstant().orElseThrow(), socket);

        ResetPlan plan = node.planReset(ResetMode.ORPHANS, ACTOR);
        ResetItem item = only(plan, ResetItem.PLUGIN_PROCESS);
        assertThat(item.ownership()).isEqualTo(ResetItem.Ownership.ORPHAN);
        assertThat(item.action()).isEqualTo(ResetItem.Action.REMOVE);
        assertThat(item.proof()).contains("pid " + plugin.pid(), "reattach config");
        assertThat(item.files()).containsExactly(socket.toString(), token.toString());

        ResetReport report = node.applyReset(plan.id(), ACTOR);

        assertThat(outcome(report, ResetItem.PLUGIN_PROCESS).result()).isEqualTo(ResetOutcome.Result.REMOVED);
        assertThat(plugin.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(socket).doesNotExist();
        assertThat(token).doesNotExist();
    }

    @Test
    void aLivePidThatStartedAtAnotherTimeThanRecordedIsShownNotProvenAndNeverSignalled() throws Exception {
        Process stranger = sleeper();
        Instant recorded = stranger.toHandle().info().startInstant().orElseThrow().minusSeconds(3600);
        Path socket = runtimeFile("d-reused.sock");
        finishedExecutionWithPlugin(stranger.toHandle(), recorded, socket);

        ResetPlan plan = node.planReset(ResetMode.FULL, ACTOR);
        ResetItem item = only(plan, ResetItem.PLUGIN_PROCESS);
        assertThat(item.ownership()).isEqualTo(ResetItem.Ownership.NOT_PROVEN);
        assertThat(item.action()).isEqualTo(ResetItem.Action.LEAVE);
        assertThat(item.proof()).contains("pid was reused");

        ResetReport report = node.applyReset(plan.id(), ACTOR);

        assertThat(outcome(report, ResetItem.PLUGIN_PROCESS).result()).isEqualTo(ResetOutcome.Result.LEFT);
        assertThat(stranger.waitFor(1, TimeUnit.SECONDS)).as("the stranger must not be signalled").isFalse();
        assertThat(stranger.isAlive()).isTrue();
    }

    @Test
    void anOrphanPluginThatALiveExecutionTookOverSinceThePlanIsLeftAlone() throws Exception {
        Process plugin = sleeper();
        Instant start = plugin.toHandle().info().startInstant().orElseThrow();
        Path socket = runtimeFile("s-docker.sock");
        finishedExecutionWithPlugin(plugin.toHandle(), start, socket);
        ResetPlan plan = node.planReset(ResetMode.ORPHANS, ACTOR);
        assertThat(only(plan, ResetItem.PLUGIN_PROCESS).ownership()).isEqualTo(ResetItem.Ownership.ORPHAN);

        // a new execution is accepted and persists that (shared) plugin as its host before the plan is applied
        Execution pending = node.store().create(Execution.accepted("e-takeover", "j-takeover", finished().spec(),
                Instant.now()));
        node.store().update(pending.id(), pending.revision(), e -> e.withReattach(reattach(plugin.pid(), start, socket)), null);

        ResetReport report = node.applyReset(plan.id(), ACTOR);

        ResetOutcome refused = outcome(report, ResetItem.PLUGIN_PROCESS);
        assertThat(refused.result()).isEqualTo(ResetOutcome.Result.REFUSED);
        assertThat(refused.detail()).contains("e-takeover");
        assertThat(plugin.isAlive()).isTrue();
    }

    @Test
    void orphanWorkDirIsRemovedButOneWhoseExecutionAppearedSinceThePlanIsKept() throws Exception {
        Path ghost = Files.createDirectories(dataDir.resolve("executions").resolve("e-ghost"));
        Files.writeString(ghost.resolve("stdout.log"), "left behind");
        Path late = Files.createDirectories(dataDir.resolve("executions").resolve("e-late"));
        Execution known = finished();
        ResetPlan plan = node.planReset(ResetMode.ORPHANS, ACTOR);
        assertThat(plan.items()).filteredOn(i -> i.kind().equals(ResetItem.WORK_DIR)).extracting(ResetItem::id)
                .containsExactlyInAnyOrder(ghost.toString(), late.toString())
                .doesNotContain(dataDir.resolve("executions").resolve(known.id()).toString());

        node.store().create(Execution.accepted("e-late", "j-late", known.spec(), Instant.now()));
        ResetReport report = node.applyReset(plan.id(), ACTOR);

        assertThat(report.outcomes()).filteredOn(o -> o.id().equals(ghost.toString())).singleElement()
                .extracting(ResetOutcome::result).isEqualTo(ResetOutcome.Result.REMOVED);
        assertThat(report.outcomes()).filteredOn(o -> o.id().equals(late.toString())).singleElement()
                .extracting(ResetOutcome::result).isEqualTo(ResetOutcome.Result.REFUSED);
        assertThat(ghost).doesNotExist();
        assertThat(late).isDirectory();
    }

    @Test
    void aFullResetStillLeavesWhatAnExecutionAcceptedAfterThePlanUses() throws Exception {
        Path late = Files.createDirectories(dataDir.resolve("executions").resolve("e-late"));
        Execution known = finished();
        ResetPlan plan = node.planReset(ResetMode.FULL, ACTOR);

        node.store().create(Execution.accepted("e-late", "j-late", known.spec(), Instant.now()));
        ResetReport report = node.applyReset(plan.id(), ACTOR);

        assertThat(report.outcomes()).filteredOn(o -> o.id().equals(late.toString())).singleElement()
                .satisfies(o -> {
                    assertThat(o.result()).isEqualTo(ResetOutcome.Result.REFUSED);
                    assertThat(o.detail()).contains("e-late", "does not stop it");
                });
        assertThat(late).isDirectory();
    }

    @Test
    void aSocketNobodyAnswersOnIsRemovedWithItsToken() throws Exception {
        Path socket = runtimeFile("d-dead.sock");
        Path token = runtimeFile("d-dead.token");

        ResetPlan plan = node.planReset(ResetMode.ORPHANS, ACTOR);
        assertThat(only(plan, ResetItem.SOCKET).files()).containsExactly(socket.toString(), token.toString());
        node.applyReset(plan.id(), ACTOR);

        assertThat(socket).doesNotExist();
        assertThat(token).doesNotExist();
    }

    @Test
    void orphansOnlyLeavesALiveExecutionAndItsProcessRunning() throws Exception {
        String id = node.submit(TestJobs.service("sleep 300")).execution().id();
        await(() -> node.get(id).orElseThrow().state() == ExecutionState.RUNNING && !ownedProcesses(id).isEmpty());

        ResetPlan plan = node.planReset(ResetMode.ORPHANS, ACTOR);
        assertThat(plan.items()).filteredOn(i -> id.equals(i.executionId()))
                .allSatisfy(i -> {
                    assertThat(i.ownership()).isEqualTo(ResetItem.Ownership.LIVE);
                    assertThat(i.action()).isEqualTo(ResetItem.Action.LEAVE);
                    assertThat(i.describe()).contains("belongs to live execution " + id);
                })
                .extracting(ResetItem::kind).contains(ResetItem.EXECUTION, "process");
        node.applyReset(plan.id(), ACTOR);

        assertThat(node.get(id).orElseThrow().state()).isEqualTo(ExecutionState.RUNNING);
        assertThat(ownedProcesses(id)).isNotEmpty();
    }

    @Test
    void fullResetStopsALiveExecutionRecordsItCancelledWithThePlanAndPublishesProgress() throws Exception {
        String id = node.submit(TestJobs.service("sleep 300")).execution().id();
        await(() -> node.get(id).orElseThrow().state() == ExecutionState.RUNNING && !ownedProcesses(id).isEmpty());
        long pid = Long.parseLong(ownedProcesses(id).get(0));
        List<NodeEvent> events = new CopyOnWriteArrayList<>();
        NodeService.Subscription subscription = node.subscribe(events::add);

        ResetPlan plan = node.planReset(ResetMode.FULL, ACTOR);
        assertThat(plan.items()).filteredOn(i -> i.kind().equals(ResetItem.EXECUTION)).singleElement()
                .extracting(ResetItem::action).isEqualTo(ResetItem.Action.STOP);
        ResetReport report;
        try {
            report = node.applyReset(plan.id(), ACTOR);
            // the bus delivers on its own thread: stay subscribed until every outcome's event has arrived
            await(() -> events.stream().filter(e -> e.type() == NodeEvent.Type.RESET_PROGRESS).count()
                    >= report.outcomes().size());
        } finally {
            subscription.close();
        }

        Execution stopped = node.get(id).orElseThrow();
        assertThat(stopped.state()).isEqualTo(ExecutionState.CANCELLED);
        assertThat(stopped.reason()).contains("environment reset " + plan.id());
        assertThat(outcome(report, ResetItem.EXECUTION).result()).isEqualTo(ResetOutcome.Result.STOPPED);
        await(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void thePlanIsPersistedTheDecisionLogHoldsItAndApplyingItTwiceIsHarmless() throws Exception {
        Path ghost = Files.createDirectories(dataDir.resolve("executions").resolve("e-ghost"));
        ResetPlan plan = node.planReset(ResetMode.ORPHANS, ACTOR);
        node.shutdown(false);
        node = ComputeNode.start(NodeOptions.builder(dataDir).apiEnabled(false).build());

        assertThat(node.resetPlan(plan.id())).isEqualTo(plan);
        ResetReport first = node.applyReset(plan.id(), ACTOR);
        ResetReport second = node.applyReset(plan.id(), ACTOR);

        assertThat(first.outcomes()).extracting(ResetOutcome::result).containsExactly(ResetOutcome.Result.REMOVED);
        assertThat(second.outcomes()).extracting(ResetOutcome::result).containsExactly(ResetOutcome.Result.ALREADY_GONE);
        assertThat(ghost).doesNotExist();
        List<DecisionRecord> log = node.store().decisions().read(0, 100).stream()
                .filter(r -> plan.id().equals(r.planId())).toList();
        assertThat(log).extracting(DecisionRecord::kind)
                .containsExactly(EnvironmentReset.PLAN, EnvironmentReset.OUTCOME, EnvironmentReset.OUTCOME);
        assertThat(log).allSatisfy(r -> assertThat(r.actor()).isEqualTo(ACTOR));
        assertThatThrownBy(() -> node.applyReset("r-00000000-0000-0000-0000-000000000000", ACTOR))
                .isInstanceOf(UnknownResetPlanException.class).hasMessageContaining("reset --dry-run");
    }

    private Process sleeper() throws IOException {
        Process process = new ProcessBuilder("sleep", "300").start();
        strangers.add(process);
        return process;
    }

    private Path runtimeFile(String name) throws IOException {
        Path file = dataDir.resolve("run").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.exists(file) ? file : Files.createFile(file);
    }

    /** A finished execution whose persisted reattach config names {@code process}. */
    private void finishedExecutionWithPlugin(ProcessHandle process, Instant recordedStart, Path socket) throws Exception {
        Execution done = finished();
        node.store().update(done.id(), done.revision(), e -> e.withReattach(reattach(process.pid(), recordedStart, socket)),
                "hosted by a plugin");
    }

    private Execution finished() throws InterruptedException {
        String id = node.submit(TestJobs.batch("exit 0")).execution().id();
        await(() -> node.get(id).orElseThrow().state().isTerminal());
        return node.get(id).orElseThrow();
    }

    private static ReattachConfig reattach(long pid, Instant start, Path socket) {
        String name = socket.getFileName().toString();
        return new ReattachConfig(PluginLauncher.PROTOCOL, PluginHandshake.APP_PROTOCOL_VERSION, socket.toString(), pid,
                start, name.substring(0, name.length() - ".sock".length()) + ".token");
    }

    private List<String> ownedProcesses(String executionId) {
        return node.executors().all().stream().flatMap(e -> e.owned().stream())
                .filter(r -> executionId.equals(r.executionId())).map(r -> r.id()).toList();
    }

    private static ResetItem only(ResetPlan plan, String kind) {
        return plan.items().stream().filter(i -> i.kind().equals(kind)).reduce((a, b) -> {
            throw new AssertionError("more than one " + kind + " in " + plan.items());
        }).orElseThrow(() -> new AssertionError("no " + kind + " in " + plan.items()));
    }

    private static ResetOutcome outcome(ResetReport report, String kind) {
        return report.outcomes().stream().filter(o -> o.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " outcome in " + report.outcomes()));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
