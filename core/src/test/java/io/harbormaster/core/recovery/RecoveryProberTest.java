package io.harbormaster.core.recovery;

import static io.harbormaster.core.recovery.RecoveryFixtures.execution;
import static io.harbormaster.core.recovery.RecoveryFixtures.withPlugin;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.plugin.PluginReattach;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecoveryProberTest {

    @Test
    void eachExecutorIsAskedOnceForAllItsExecutions() {
        FakeExecutor docker = new FakeExecutor("docker").answerAll(id -> new Observation.Running(id + " running"));
        FakeExecutor plugin = new FakeExecutor("docker").answerAll(id -> new Observation.Running(id + " in plugin"));
        FakeTargets targets = new FakeTargets().inProcess(docker)
                .plugin("/run/s-docker.sock", PluginReattach.Status.RESPONDING, "ping 1 ms", plugin);
        List<Execution> live = List.of(execution("e-1", "batch"), execution("e-2", "service"),
                withPlugin(execution("e-3", "service"), "/run/s-docker.sock"),
                withPlugin(execution("e-4", "service"), "/run/s-docker.sock"),
                // its plugin is dead: the in-process executor answers for it, in the same batch as e-1 and e-2
                withPlugin(execution("e-5", "service"), "/run/d-dead.sock"));

        Map<String, ProbeResult> probed = new RecoveryProber(targets, Duration.ofSeconds(10)).probe(live);

        assertThat(docker.recoverCalls).hasSize(1);
        assertThat(docker.recoverCalls.get(0)).containsExactlyInAnyOrder("e-1", "e-2", "e-5");
        assertThat(plugin.recoverCalls).containsExactly(List.of("e-3", "e-4"));
        assertThat(probed.keySet()).containsExactly("e-1", "e-2", "e-3", "e-4", "e-5");
        assertThat(probed.get("e-5").pluginStatus()).isEqualTo(PluginReattach.Status.DEAD);
        assertThat(probed.get("e-3").observation().evidence()).contains("in plugin");
    }

    @Test
    void aPluginThatSaysOnItsCheckWhatItHasIsNotAskedAgainForThoseExecutions() {
        FakeExecutor plugin = new FakeExecutor("wasm").answerAll(id -> new Observation.Running(id + " asked apart"));
        FakeTargets targets = new FakeTargets().inProcess(new FakeExecutor("wasm"))
                .plugin("/run/s-wasm.sock", PluginReattach.Status.RESPONDING, "ping 1 ms", plugin)
                // it knows e-1 on the check's connection, and leaves e-2 to be asked apart
                .answersOnCheck("/run/s-wasm.sock", id -> id.equals("e-1") ? new Observation.Exited(0, null,
                        "exit record says code 0") : null);

        Map<String, ProbeResult> probed = new RecoveryProber(targets, Duration.ofSeconds(10)).probe(List.of(
                withPlugin(execution("e-1", "service"), "/run/s-wasm.sock"),
                withPlugin(execution("e-2", "service"), "/run/s-wasm.sock")));

        assertThat(targets.checkedWithRefs).containsExactly(List.of("e-1", "e-2"));
        assertThat(probed.get("e-1").observation()).isInstanceOf(Observation.Exited.class);
        assertThat(probed.get("e-1").pluginStatus()).isEqualTo(PluginReattach.Status.RESPONDING);
        assertThat(plugin.recoverCalls).containsExactly(List.of("e-2"));
        assertThat(probed.get("e-2").observation().evidence()).isEqualTo("e-2 asked apart");
    }

    @Test
    void aSlowEngineGivesUnknownWithEvidenceAfterTheTimeoutAndHoldsNothingElse() {
        FakeExecutor slow = new FakeExecutor("docker").delays(Duration.ofMinutes(5), Duration.ZERO);
        FakeExecutor plugin = new FakeExecutor("docker").answerAll(id -> new Observation.Running("in plugin"));
        FakeTargets targets = new FakeTargets().inProcess(slow)
                .plugin("/run/d-1.sock", PluginReattach.Status.RESPONDING, "ping 1 ms", plugin);

        Map<String, ProbeResult> probed = new RecoveryProber(targets, Duration.ofMillis(300))
                .probe(List.of(execution("e-d", "batch"), withPlugin(execution("e-p", "service"), "/run/d-1.sock")));

        assertThat(probed.get("e-d").observation()).isInstanceOf(Observation.Unknown.class);
        assertThat(probed.get("e-d").observation().evidence()).contains("did not answer within 300 ms");
        assertThat(probed.get("e-p").observation()).isInstanceOf(Observation.Running.class);
    }

    @Test
    void anExecutorThatFailsGivesUnknownNeverGone() {
        FakeTargets targets = new FakeTargets().inProcess(new FakeExecutor("docker")
                .failing(new ExecutorException("Cannot connect to the Docker daemon", true)));

        ProbeResult probed = new RecoveryProber(targets, Duration.ofSeconds(10))
                .probe(List.of(execution("e-1", "service"))).get("e-1");

        assertThat(probed.observation()).isInstanceOf(Observation.Unknown.class);
        assertThat(probed.observation().evidence()).contains("Cannot connect to the Docker daemon");
    }

    @Test
    void aHungPluginIsNotAskedAndItsExecutionsAreUnknown() {
        FakeExecutor hung = new FakeExecutor("docker");
        FakeTargets targets = new FakeTargets().inProcess(new FakeExecutor("docker"))
                .plugin("/run/d-1.sock", PluginReattach.Status.NOT_RESPONDING, "pid 4242 alive, start time matches, "
                        + "but ping failed: timed out", hung);

        ProbeResult probed = new RecoveryProber(targets, Duration.ofSeconds(10))
                .probe(List.of(withPlugin(execution("e-1", "service"), "/run/d-1.sock"))).get("e-1");

        assertThat(hung.recoverCalls).isEmpty();
        assertThat(probed.observation()).isInstanceOf(Observation.Unknown.class);
        assertThat(probed.observation().evidence()).contains("ping failed");
    }

    @Test
    void pluginsAreCheckedAtTheSameTimeAndAHangingCheckEndsAtTheTimeout() {
        CountDownLatch allChecking = new CountDownLatch(3);
        FakeTargets targets = new FakeTargets().inProcess(new FakeExecutor("docker"));
        for (String socket : List.of("/run/a.sock", "/run/b.sock", "/run/c.sock")) {
            targets.plugin(socket, PluginReattach.Status.RESPONDING, "", new FakeExecutor("docker")
                    .answerAll(id -> new Observation.Running("up")));
            targets.pluginChecks.put(socket, config -> {
                allChecking.countDown();
                try {
                    // each check answers only once all three are under way: a sequential prober would time out
                    boolean parallel = allChecking.await(5, TimeUnit.SECONDS);
                    if (socket.equals("/run/c.sock")) {
                        Thread.sleep(60_000);
                    }
                    return new PluginReattach(parallel ? PluginReattach.Status.RESPONDING : PluginReattach.Status.DEAD,
                            parallel ? "ping 1 ms" : "checked alone", Optional.empty());
                } catch (InterruptedException abandoned) {
                    Thread.currentThread().interrupt();
                    return new PluginReattach(PluginReattach.Status.DEAD, "interrupted", Optional.empty());
                }
            });
        }
        List<Execution> live = List.of(withPlugin(execution("e-a", "service"), "/run/a.sock"),
                withPlugin(execution("e-b", "service"), "/run/b.sock"),
                withPlugin(execution("e-c", "service"), "/run/c.sock"));

        Map<String, ProbeResult> probed = new RecoveryProber(targets, Duration.ofSeconds(3)).probe(live);

        assertThat(probed.get("e-a").pluginStatus()).isEqualTo(PluginReattach.Status.RESPONDING);
        assertThat(probed.get("e-b").pluginStatus()).isEqualTo(PluginReattach.Status.RESPONDING);
        assertThat(probed.get("e-c").pluginStatus()).isEqualTo(PluginReattach.Status.NOT_RESPONDING);
        assertThat(probed.get("e-c").observation()).isInstanceOf(Observation.Unknown.class);
        assertThat(probed.get("e-c").pluginEvidence()).contains("gave no answer within 3000 ms");
    }
}
