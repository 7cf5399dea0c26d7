package io.harbormaster.app.desktop.submit;

import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeEvent;
import io.harbormaster.core.spec.SpecInvalidException;
import io.harbormaster.core.spec.SpecProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The submit screen: a job spec being edited, the node's verdict on it, and the submission. The
 * spec is checked by the node's own parser, so what the editor accepts is exactly what the node runs.
 */
public final class SubmitViewModel {

    private final BackgroundTasks tasks;
    private final Supplier<ComputeNode> node;
    private final StringProperty text = new SimpleStringProperty(JobTemplate.DOCKER_BATCH.text());
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty fileName = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty pulling = new SimpleBooleanProperty();
    private final DoubleProperty pullProgress = new SimpleDoubleProperty(-1);
    private final StringProperty pullText = new SimpleStringProperty("");
    private final ObservableList<SpecProblem> problems = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private Consumer<String> onSubmitted = id -> { };
    private long validationRound;

    /** @param node the running node, or null while it is not ready */
    public SubmitViewModel(BackgroundTasks tasks, Supplier<ComputeNode> node) {
        this.tasks = tasks;
        this.node = node;
    }

    public void useTemplate(JobTemplate template) {
        fileName.set("");
        text.set(template.text());
        validate();
    }

    /** Reads a job file into the editor (in the background: it may sit on a slow share). */
    public void open(Path file) {
        tasks.run(() -> {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }, content -> {
            fileName.set(file.toString());
            text.set(content);
            validate();
        }, failed -> status.set("Cannot read " + file + ": " + failed.getMessage()));
    }

    /** Asks the node what is wrong with the text as it is now; a later check's answer replaces an earlier one. */
    public void validate() {
        ComputeNode running = node.get();
        if (running == null) {
            status.set("The node is not running; the spec is checked once it is.");
            return;
        }
        long round = ++validationRound;
        String spec = text.get();
        tasks.run(() -> running.validate(spec).warnings(), found -> {
            if (round == validationRound) {
                problems.clear();
                warnings.setAll(found);
                status.set("The spec is valid.");
            }
        }, failed -> {
            if (round == validationRound) {
                showFailure(failed);
            }
        });
    }

    public void submit() {
        ComputeNode running = node.get();
        if (running == null) {
            status.set("The node is not running yet; submit again once the status bar says it is ready.");
            return;
        }
        busy.set(true);
        status.set("Submitting…");
        String spec = text.get();
        validationRound++;
        tasks.run(() -> running.submit(spec), submission -> {
            busy.set(false);
            problems.clear();
            warnings.setAll(submission.warnings());
            String id = submission.execution().id();
            status.set("Submitted as " + id);
            onSubmitted.accept(id);
        }, failed -> {
            busy.set(false);
            showFailure(failed);
        });
    }

    private void showFailure(RuntimeException failed) {
        if (failed instanceof SpecInvalidException invalid) {
            problems.setAll(invalid.problems());
            warnings.clear();
            status.set(invalid.problems().size() == 1 ? "1 problem in the spec" : invalid.problems().size() + " problems in the spec");
        } else {
            problems.clear();
            status.set("The node refused the job: " + failed.getMessage());
        }
    }

    /** Image pulls (reported by the node as executor progress) drive the screen's progress bar. */
    public void onEvent(NodeEvent event) {
        if (event.type() != NodeEvent.Type.EXECUTOR_PROGRESS) {
            return;
        }
        boolean finished = event.progress() != null && event.progress() >= 1.0;
        pullText.set(event.message());
        pullProgress.set(event.progress() == null ? -1 : event.progress());
        pulling.set(!finished);
    }

    /** Lines (1-based) that have at least one problem, for the editor's gutter. */
    public Set<Integer> problemLines() {
        return problems.stream().map(SpecProblem::line).filter(line -> line > 0).collect(Collectors.toSet());
    }

    /** The problems at {@code line}, one per line of text, for a tooltip. */
    public String problemsAt(int line) {
        List<String> at = problems.stream().filter(p -> p.line() == line).map(p -> p.path() + ": " + p.message()).toList();
        return String.join("\n", at);
    }

    /** Called with the new execution's id after each successful submission. */
    public void setOnSubmitted(Consumer<String> listener) {
        this.onSubmitted = listener;
    }

    public StringProperty textProperty() {
        return text;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty fileNameProperty() {
        return fileName;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanProperty pullingProperty() {
        return pulling;
    }

    public DoubleProperty pullProgressProperty() {
        return pullProgress;
    }

    public StringProperty pullTextProperty() {
        return pullText;
    }

    public ObservableList<SpecProblem> problems() {
        return problems;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }
}
