package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.executor.ExecutorContext;
import io.harbormaster.core.executor.ExecutorException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The executor's section of config.yaml: defaults, overrides and refusals with a reason. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DockerSettingsTest {

    @Test
    void noSettingsMeanTheClientDefaultHostRemovedContainersAndAShortConnectTimeout() {
        DockerSettings settings = DockerSettings.from(Map.of());

        assertThat(settings.dockerHost()).isNull();
        assertThat(settings.keepContainers()).isFalse();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theNodesDockerHostAndKeepContainersAreTaken() {
        DockerSettings settings = DockerSettings.from(Map.of("dockerHost", "unix:///run/x.sock", "keepContainers", "true",
                "connectTimeoutSeconds", "7"));

        assertThat(settings.dockerHost()).isEqualTo("unix:///run/x.sock");
        assertThat(settings.keepContainers()).isTrue();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void badValuesAreRefusedByTheProviderWithTheSettingsName() {
        DockerExecutorProvider provider = new DockerExecutorProvider();

        assertThatThrownBy(() -> provider.create(new ExecutorContext("n-1", Path.of("."), Map.of("keepContainers", "yes"))))
                .isInstanceOf(ExecutorException.class).hasMessageContaining("keepContainers");
        assertThatThrownBy(() -> provider.create(new ExecutorContext("n-1", Path.of("."), Map.of("connectTimeoutSeconds", "0"))))
                .isInstanceOf(ExecutorException.class).hasMessageContaining("connectTimeoutSeconds");
    }

    @Test
    void containerNamesComeFromTheExecutionIdWithOnlyCharactersDockerAllows() {
        assertThat(DockerLabels.containerName("e-1234")).isEqualTo("hm-e-1234");
        assertThat(DockerLabels.containerName("e/12 34")).isEqualTo("hm-e_12_34");
    }
}
