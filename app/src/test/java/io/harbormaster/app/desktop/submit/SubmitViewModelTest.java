package io.harbormaster.app.desktop.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.TestNodes;
import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeEvent;
import io.harbormaster.core.spec.SpecProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The submit screen's logic against a real node's parser, without a window. */
@Timeout(120)
class SubmitViewModelTest {

    @TempDir
    Path dataDir;

    private ComputeNode node;
    private SubmitViewModel viewModel;
    private final List<String> submitted = new ArrayList<>();

    @BeforeEach
    void startNode() {
        node = TestNodes.start(dataDir.resolve("node"));
        viewModel = new SubmitViewModel(BackgroundTasks.inline(), () -> node);
        viewModel.setOnSubmitted(submitted::add);
    }

    @AfterEach
    void stopNode() {
        node.shutdown(true);
    }

    @Test
    void aValidSpecIsSubmittedAndItsIdHandedOn() {
        viewModel.textProperty().set(TestNodes.wasmJob("hello", "batch", "hello"));

        viewModel.submit();

        assertThat(submitted).hasSize(1);
        assertThat(node.get(submitted.get(0))).isPresent();
        assertThat(viewModel.statusProperty().get()).isEqualTo("Submitted as " + submitted.get(0));
        assertThat(viewModel.problems()).isEmpty();
    }

    @Test
    void anInvalidSpecShowsEachProblemAtItsPathAndLineAndSubmitsNothing() {
        viewModel.textProperty().set("""
                Name: broken
                Type: batch
                Tasks:
                  - Name: main
                    Engine:
                      Type: docker
                      Params:
                        Imagee: busybox
                """);

        viewModel.submit();

        assertThat(submitted).isEmpty();
        assertThat(viewModel.problems()).extracting(SpecProblem::line).contains(8);
        assertThat(viewModel.problemLines()).contains(8);
        assertThat(viewModel.problemsAt(8)).contains("Tasks[0].Engine.Params");
        assertThat(viewModel.statusProperty().get()).endsWith("in the spec");
    }

    @Test
    void validateClearsProblemsOnceTheSpecIsFixed() {
        viewModel.textProperty().set("Name: x\nType: sometimes\n");
        viewModel.validate();
        assertThat(viewModel.problems()).isNotEmpty();

        viewModel.textProperty().set(TestNodes.wasmJob("fixed", "batch", "hello"));
        viewModel.validate();

        assertThat(viewModel.problems()).isEmpty();
        assertThat(viewModel.statusProperty().get()).isEqualTo("The spec is valid.");
    }

    @Test
    void theDockerTemplatesAreValidAsTheyStand() {
        for (JobTemplate template : List.of(JobTemplate.DOCKER_BATCH, JobTemplate.DOCKER_SERVICE)) {
            viewModel.useTemplate(template);
            assertThat(viewModel.problems()).as(template.toString()).isEmpty();
        }
    }

    @Test
    void theWasmTemplatesOnlyAskForAModuleUnderAnAllowedPath() {
        viewModel.useTemplate(JobTemplate.WASM_BATCH);

        assertThat(viewModel.problems()).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem.path()).contains("EntryModule"));
    }

    @Test
    void openReadsAJobFileIntoTheEditorAndChecksIt() throws Exception {
        Path file = dataDir.resolve("job.yaml");
        Files.writeString(file, TestNodes.wasmJob("from-file", "batch", "hello"));

        viewModel.open(file);

        assertThat(viewModel.textProperty().get()).contains("from-file");
        assertThat(viewModel.fileNameProperty().get()).isEqualTo(file.toString());
        assertThat(viewModel.problems()).isEmpty();
    }

    @Test
    void imagePullProgressFromTheNodeDrivesTheBarUntilThePullEnds() {
        viewModel.onEvent(new NodeEvent(1, Instant.now(), NodeEvent.Type.EXECUTOR_PROGRESS, null, null,
                "Pulling busybox:1.36: 1 of 3 layers, 1.5 of 3.0 MB", 0.5));

        assertThat(viewModel.pullingProperty().get()).isTrue();
        assertThat(viewModel.pullProgressProperty().get()).isEqualTo(0.5);
        assertThat(viewModel.pullTextProperty().get()).startsWith("Pulling busybox:1.36");

        viewModel.onEvent(new NodeEvent(2, Instant.now(), NodeEvent.Type.EXECUTOR_PROGRESS, null, null,
                "Pulled busybox:1.36", 1.0));

        assertThat(viewModel.pullingProperty().get()).isFalse();
        assertThat(viewModel.pullTextProperty().get()).isEqualTo("Pulled busybox:1.36");
    }

    @Test
    void withoutARunningNodeNothingIsSubmittedAndTheOperatorIsTold() {
        SubmitViewModel noNode = new SubmitViewModel(BackgroundTasks.inline(), () -> null);

        noNode.submit();

        assertThat(noNode.statusProperty().get()).contains("not running");
    }
}
