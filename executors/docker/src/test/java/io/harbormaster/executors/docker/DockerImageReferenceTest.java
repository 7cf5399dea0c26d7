package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Image names split as the engine reads them, so a pull error names the right registry. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DockerImageReferenceTest {

    @ParameterizedTest
    @CsvSource({
            "alpine, docker.io, alpine, latest",
            "library/ubuntu:22.04, docker.io, library/ubuntu, 22.04",
            "127.0.0.1:5000/team/app:1, 127.0.0.1:5000, 127.0.0.1:5000/team/app, 1",
            "localhost/app, localhost, localhost/app, latest",
            "ghcr.io/org/tool@sha256:abc, ghcr.io, ghcr.io/org/tool, sha256:abc",
            "registry:5000/app, registry:5000, registry:5000/app, latest"
    })
    void imageNamesSplitIntoRegistryRepositoryAndTag(String image, String registry, String repository, String tag) {
        ImageReference ref = ImageReference.parse(image);

        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag()).isEqualTo(tag);
    }
}
