package io.harbormaster.app.desktop.shell;

import io.harbormaster.app.desktop.executions.ExecutionRow;
import io.harbormaster.app.desktop.node.NodeState;
import io.harbormaster.app.desktop.submit.JobTemplate;
import io.harbormaster.core.execution.ExecutionState;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import javafx.animation.PauseTransition;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Writes one PNG per screen for the README, off unless {@code -Dharbormaster.desktop.screenshots=DIR}:
 * once the node is ready and its executions are loaded it visits each screen, snapshots the window's
 * scene (and the recovery wizard's, when a crash opened it), then closes stopping the executions, so the run leaves nothing behind.
 */
final class ScreenshotTour {

    private static final Duration SETTLE = Duration.seconds(2);

    private final DesktopShell shell;
    private final Path dir;
    private final Deque<Runnable> steps = new ArrayDeque<>();

    private ScreenshotTour(DesktopShell shell, Path dir) {
        this.shell = shell;
        this.dir = dir;
    }

    static void watch(DesktopShell shell) {
        String dir = System.getProperty("harbormaster.desktop.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        ScreenshotTour tour = new ScreenshotTour(shell, Path.of(dir));
        shell.executions().loadingProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> obs, Boolean was, Boolean now) {
                if (!now && shell.embeddedNode().status().state() == NodeState.READY) {
                    shell.executions().loadingProperty().removeListener(this);
                    tour.start();
                }
            }
        });
    }

    private void start() {
        steps.add(() -> {
            shell.show(Screen.EXECUTIONS);
            shell.executions().visibleRows().stream()
                    .filter(row -> row.state() == ExecutionState.RUNNING)
                    .max(Comparator.comparing(ExecutionRow::createdAt))
                    .or(() -> shell.executions().visibleRows().stream().findFirst())
                    .ifPresent(row -> shell.executions().selectedIdProperty().set(row.id()));
        });
        steps.add(() -> write("executions.png"));
        steps.add(() -> {
            shell.show(Screen.SUBMIT);
            shell.submit().useTemplate(JobTemplate.WASM_BATCH);
        });
        steps.add(() -> write("submit.png"));
        steps.add(() -> shell.show(Screen.SETTINGS));
        steps.add(() -> write("settings.png"));
        // after a crash the wizard is open over the window: its first page, then the recovery view behind it
        steps.add(() -> shell.wizard().ifPresent(wizard -> write("recovery-wizard.png", wizard.stage().getScene())));
        // the review path's first page: what waits, by group, with the allowed choices
        steps.add(() -> shell.wizard().ifPresent(wizard -> wizard.viewModel().reviewEach()));
        steps.add(() -> shell.wizard().ifPresent(wizard -> write("recovery-wizard-review.png",
                wizard.stage().getScene())));
        steps.add(() -> {
            shell.wizard().ifPresent(wizard -> wizard.stage().close());
            shell.show(Screen.RECOVERY);
            shell.recovery().groups().stream().filter(group -> !group.action().isSafe()).findFirst()
                    .or(() -> shell.recovery().groups().stream().findFirst())
                    .ifPresent(group -> shell.recovery().selectedIdProperty().set(group.items().get(0).executionId()));
        });
        steps.add(() -> write("recovery.png"));
        steps.add(() -> shell.show(Screen.ENVIRONMENT));
        steps.add(() -> write("environment.png"));
        steps.add(() -> {
            shell.setTheme(Theme.DARK);
            shell.show(Screen.EXECUTIONS);
        });
        steps.add(() -> write("executions-dark.png"));
        steps.add(() -> {
            shell.setTheme(Theme.LIGHT);
            shell.close(true);
        });
        next();
    }

    private void next() {
        Runnable step = steps.poll();
        if (step == null) {
            return;
        }
        step.run();
        PauseTransition settle = new PauseTransition(SETTLE);
        settle.setOnFinished(event -> next());
        settle.play();
    }

    private void write(String name) {
        write(name, shell.scene());
    }

    private void write(String name, javafx.scene.Scene scene) {
        WritableImage image = scene.snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(dir);
            ImageIO.write(png, "png", dir.resolve(name).toFile());
            System.out.println("harbormaster-desktop-screenshot " + dir.resolve(name));
        } catch (IOException unwritable) {
            throw new UncheckedIOException("Cannot write the screenshot " + dir.resolve(name), unwritable);
        }
    }
}
