package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.NotFoundException;
import io.harbormaster.core.api.ApiClient;
import io.harbormaster.core.cli.HarbormasterCommand;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.executor.OwnedResource;
import io.harbormaster.core.executor.Removal;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.DataDirectory;
import io.harbormaster.core.node.NodeOptions;
import io.harbormaster.core.reset.ResetItem;
import io.harbormaster.core.reset.ResetOutcome;
import io.harbormaster.core.reset.ResetPlan;
import io.harbormaster.core.reset.ResetReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Environment reset against the real engine: only containers carrying this node's label are ever listed
 * or removed. The strangers are real containers: one with another node's label, one with no label at all.
 */
@RequiresDockerEngine
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DockerResetTest {

    @TempDir
    Path dir;

    private TestEngine engine;
    private ComputeNode node;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void startNode() {
        engine = new TestEngine();
        node = ComputeNode.start(NodeOptions.builder(dir.resolve("node")).dockerHost(engine.host).build());
    }

    @AfterEach
    void stopNodeAndRemoveWhatTheTestCreated() throws Exception {
        String nodeId = node.nodeId();
        node.shutdown(true);
        // the test made these containers itself, so removing them by id harms nobody
        for (String id : created) {
            try {
                engine.docker.removeContainerCmd(id).withForce(true).exec();
            } catch (NotFoundException removedByTheReset) {
                // expected for ours
            }
        }
        engine.docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerLabels.NODE, nodeId)).exec()
                .forEach(container -> engine.docker.removeContainerCmd(container.getId()).withForce(true).exec());
        engine.close();
    }

    @Test
    void anOrphanContainerWithOurLabelIsRemovedAndAnotherNodesOrAnUnlabelledOneIsNeverTouched() {
        String ours = sleeping(Map.of(DockerLabels.NODE, node.nodeId(), DockerLabels.EXECUTION, "e-long-gone"));
        String otherNode = sleeping(Map.of(DockerLabels.NODE, "n-another-node", DockerLabels.EXECUTION, "e-long-gone"));
        String unlabelled = sleeping(Map.of());
        ApiClient api = ApiClient.connect(new DataDirectory(dir.resolve("node")));

        ResetPlan plan = api.planReset(true);
        assertThat(plan.items()).filteredOn(i -> i.kind().equals(ResetItem.CONTAINER)).singleElement().satisfies(item -> {
            assertThat(item.id()).isEqualTo(ours);
            assertThat(item.ownership()).isEqualTo(ResetItem.Ownership.ORPHAN);
            assertThat(item.action()).isEqualTo(ResetItem.Action.REMOVE);
            assertThat(item.proof()).contains("label " + DockerLabels.NODE + "=" + node.nodeId());
        });
        ResetReport report = api.applyReset(plan.id());

        assertThat(report.outcomes()).filteredOn(o -> o.id().equals(ours)).singleElement()
                .extracting(ResetOutcome::result).isEqualTo(ResetOutcome.Result.REMOVED);
        assertThat(exists(ours)).isFalse();
        assertThat(engine.inspect(otherNode).getState().getRunning()).isTrue();
        assertThat(engine.inspect(unlabelled).getState().getRunning()).isTrue();
    }

    @Test
    void removeReadsTheLabelsAgainAndRefusesAContainerThatDoesNotProveItIsOurs() {
        String otherNode = sleeping(Map.of(DockerLabels.NODE, "n-another-node", DockerLabels.EXECUTION, "e-1"));
        String unlabelled = sleeping(Map.of());
        String oursForAnotherExecution = sleeping(Map.of(DockerLabels.NODE, engine.nodeId, DockerLabels.EXECUTION, "e-2"));
        try (DockerExecutor executor = engine.executor()) {
            Removal foreign = executor.remove(new OwnedResource("container", otherNode, "e-1", "planned"));
            Removal bare = executor.remove(new OwnedResource("container", unlabelled, null, "planned"));
            Removal mismatched = executor.remove(new OwnedResource("container", oursForAnotherExecution, "e-1", "planned"));
            Removal gone = executor.remove(new OwnedResource("container", "0123456789ab-no-such", null, "planned"));

            assertThat(foreign.result()).isEqualTo(Removal.Result.NOT_OURS);
            assertThat(bare.result()).isEqualTo(Removal.Result.NOT_OURS);
            assertThat(mismatched.result()).isEqualTo(Removal.Result.NOT_OURS);
            assertThat(mismatched.detail()).contains("e-2");
            assertThat(gone.result()).isEqualTo(Removal.Result.ALREADY_GONE);
        }
        assertThat(engine.inspect(otherNode).getState().getRunning()).isTrue();
        assertThat(engine.inspect(unlabelled).getState().getRunning()).isTrue();
        assertThat(engine.inspect(oursForAnotherExecution).getState().getRunning()).isTrue();
    }

    @Test
    void aFullResetThroughTheCliStopsALiveServiceRecordsItCancelledAndRemovesItsContainer() throws Exception {
        String id = node.submit("""
                Name: long-service
                Type: service
                Tasks:
                  - Name: main
                    Engine:
                      Type: docker
                      Params:
                        Image: %s
                        Parameters: [sleep, "300"]
                """.formatted(TestEngine.IMAGE)).execution().id();
        awaitRunning(id);
        String dataDir = dir.resolve("node").toString();

        String dryRun = cli("reset", "--dry-run", "--all", "--data-dir", dataDir);
        assertThat(dryRun).contains("STOP execution " + id, "REMOVE container", "belongs to live execution " + id);
        Matcher planId = Pattern.compile("reset --apply (r-[0-9a-f-]+)").matcher(dryRun);
        assertThat(planId.find()).isTrue();
        String applied = cli("reset", "--apply", planId.group(1), "--data-dir", dataDir);

        assertThat(applied).contains("STOPPED execution " + id, "0 refused, 0 failed");
        assertThat(node.get(id).orElseThrow().state()).isEqualTo(ExecutionState.CANCELLED);
        assertThat(node.get(id).orElseThrow().reason()).contains("environment reset " + planId.group(1));
        assertThat(engine.docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerLabels.NODE, node.nodeId())).exec()).isEmpty();
    }

    private String sleeping(Map<String, String> labels) {
        String id = engine.docker.createContainerCmd(TestEngine.IMAGE).withLabels(labels).withCmd("sleep", "300").exec().getId();
        created.add(id);
        engine.docker.startContainerCmd(id).exec();
        return id;
    }

    private boolean exists(String id) {
        try {
            engine.inspect(id);
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    private void awaitRunning(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (node.get(id).orElseThrow().state() != ExecutionState.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("execution " + id + " still " + node.get(id).orElseThrow().state());
            }
            Thread.sleep(100);
        }
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = HarbormasterCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }
}
