package io.harbormaster.app.desktop.shell;

import io.harbormaster.app.desktop.node.NodeState;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.input.ScrollEvent;

/**
 * Figures for docs/benchmarks.md, off unless {@code -Dharbormaster.desktop.timings=true}: milliseconds
 * from the JVM's start to the window's first frame and to a ready node with its executions loaded,
 * printed as one line. With {@code -Dharbormaster.desktop.scroll=true} it then scrolls the table (three
 * passes, {@link #scrollThenFilter}) and filters it, so the JavaFX pulse logger can time every frame of that work (and the
 * gaps between frames, where a background result is handed to the table); with
 * {@code -Dharbormaster.desktop.exitWhenReady=true} it closes the window (detaching) afterwards.
 */
final class LaunchTimings {

    /** Frames with no work between two phases of the table run. */
    private static final int QUIET_FRAMES = 3;

    private LaunchTimings() {
    }

    static void watch(DesktopShell shell) {
        if (!Boolean.getBoolean("harbormaster.desktop.timings")) {
            return;
        }
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long[] firstFrame = {-1};
        Runnable onFrame = new Runnable() {
            @Override
            public void run() {
                if (firstFrame[0] < 0) {
                    firstFrame[0] = System.currentTimeMillis() - jvmStart;
                }
                shell.scene().removePostLayoutPulseListener(this);
            }
        };
        shell.scene().addPostLayoutPulseListener(onFrame);
        ChangeListener<Boolean> loaded = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean now) {
                if (!now && shell.embeddedNode().status().state() == NodeState.READY) {
                    shell.executions().loadingProperty().removeListener(this);
                    // one more frame, so "ready" means the rows are on screen
                    Platform.runLater(() -> report(shell, firstFrame[0], System.currentTimeMillis() - jvmStart));
                }
            }
        };
        shell.executions().loadingProperty().addListener(loaded);
    }

    private static void report(DesktopShell shell, long firstFrameMs, long readyMs) {
        if (shell.executions().completeProperty().get()) {
            reportComplete(shell, firstFrameMs, readyMs, System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
            return;
        }
        shell.executions().completeProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean now) {
                if (now) {
                    shell.executions().completeProperty().removeListener(this);
                    long allMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                    Platform.runLater(() -> reportComplete(shell, firstFrameMs, readyMs, allMs));
                }
            }
        });
    }

    private static void reportComplete(DesktopShell shell, long firstFrameMs, long readyMs, long allMs) {
        // one write: printf hands System.out its pieces one by one, and the log's lines on stderr landed between them
        System.out.println(String.format(Locale.ROOT, "harbormaster-desktop-timing first-frame-ms=%d ready-ms=%d all-ms=%d rows=%d",
                firstFrameMs, readyMs, allMs, shell.executions().totalRows()));
        if (Boolean.getBoolean("harbormaster.desktop.scroll")) {
            scrollThenFilter(shell);
        } else {
            closeIfAsked(shell);
        }
    }

    /**
     * Three scrolling passes, each marked on stdout: the thumb dragged through every row right after the
     * launch (about 166 rows a frame, every visible row showing a new execution each frame, while the JIT
     * is still compiling), the same drag again, then 600 mouse-wheel notches of 3 lines from the top (the
     * flow shifts its rows and fills in the few that come into view). Then searches are typed one after
     * another, each once the previous one is on screen (filtering runs in the background, so the frames
     * go on meanwhile).
     */
    private static void scrollThenFilter(DesktopShell shell) {
        TableView<?> table = (TableView<?>) shell.scene().lookup("#executions-table");
        // dragged as the operator drags it: the bar over every row (the table itself holds a window of them)
        ScrollBar bar = (ScrollBar) shell.scene().lookup("#executions-scroll");
        Node flow = table.lookup(".virtual-flow");
        int rows = shell.executions().visibleRows().size();
        int step = Math.max(1, rows / 600);
        // narrowing searches (ids are e-000000 up), swaps from every row to a fifth or a tenth and back, and
        // searches that match nothing: every kind of swap the table sees
        String[] searches = {"e-0", "e-01", "e-012", "e-0123", "", "backup", "failed", "", "train", "resize", "e-1", "",
            "cancelled", "e-09", "wasm", "", "exit 1", "report", ""};
        new AnimationTimer() {
            private int next;
            private int phase;
            private int settledFrames;
            /** Frames left with no work before the next phase: see {@link #between}. */
            private int quietFrames = QUIET_FRAMES;
            private String nextMarker = "harbormaster-desktop-scroll start";

            @Override
            public void handle(long now) {
                if (quietFrames > 0) {
                    if (--quietFrames == 0) {
                        // on a line of its own: the pulse logger writes idle pulses on stderr without line breaks
                        System.out.println(System.lineSeparator() + nextMarker);
                    }
                    return;
                }
                switch (phase) {
                    case 0, 1 -> {
                        drag(Math.min(next, rows - 1));
                        next += step;
                        if (next >= rows) {
                            phase++;
                            next = 0;
                            drag(0);
                            between(phase == 1 ? "harbormaster-desktop-scroll-again start" : "harbormaster-desktop-wheel start");
                        }
                    }
                    case 2 -> {
                        wheel(flow, -3);
                        if (++next >= 600) {
                            phase = 3;
                            next = 0;
                            between("harbormaster-desktop-filter start");
                        }
                    }
                    default -> filter();
                }
            }

            /**
             * Ends a phase: a few frames with no work, then the next phase's marker. A pulse is logged when its
             * painting ends, which can be after the next frame's animations ran, so a marker printed at once
             * could land above the last pulse of the phase it ends and count that pulse in the next phase.
             */
            private void between(String marker) {
                nextMarker = marker;
                quietFrames = QUIET_FRAMES;
            }

            private void drag(int row) {
                if (bar != null && bar.isVisible()) {
                    bar.setValue(Math.min(row, bar.getMax()));
                } else {
                    table.scrollTo(row);
                }
            }

            private void filter() {
                settledFrames = shell.executions().filtering() ? 0 : settledFrames + 1;
                if (settledFrames < 3) {
                    return;
                }
                if (next > 0) {
                    // what the search before left in the table: a swap's frames depend on it
                    System.out.println("harbormaster-search-rows " + shell.executions().visibleRows().size());
                }
                if (next < searches.length) {
                    // within the filtering phase (not a phase marker): which search the frames below follow
                    System.out.println("harbormaster-search '" + searches[next] + "'");
                    shell.executions().searchProperty().set(searches[next++]);
                    settledFrames = 0;
                } else {
                    stop();
                    System.out.println(System.lineSeparator() + "harbormaster-desktop-scroll end");
                    closeIfAsked(shell);
                }
            }
        }.start();
    }

    /** One mouse-wheel notch of {@code lines} lines (negative: down), as the toolkit delivers it. */
    private static void wheel(Node flow, double lines) {
        double pixels = lines * 40;
        Bounds bounds = flow.localToScene(flow.getLayoutBounds());
        double x = bounds.getCenterX();
        double y = bounds.getCenterY();
        flow.fireEvent(new ScrollEvent(ScrollEvent.SCROLL, x, y, x, y, false, false, false, false, false, false,
                0, pixels, 0, pixels, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.LINES, lines, 0, null));
    }

    private static void closeIfAsked(DesktopShell shell) {
        if (Boolean.getBoolean("harbormaster.desktop.exitWhenReady")) {
            shell.close(false);
        }
    }
}
