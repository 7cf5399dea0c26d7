package io.harbormaster.app.desktop.executions;

import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * Keeps the frame after a table's cells moved from repainting the whole window.
 *
 * <p>Why: a table cell that changes its index or item in a layout pass also changes pseudo-classes
 * ({@code :filled}, {@code :even}, {@code :selected}, a state's colour). JavaFX styles the cell at once,
 * but the cell's ancestors stay marked for a CSS pass, so the scene asks for one more pulse. That pulse's
 * CSS pass finds nothing to change and the scene's root is synchronised with nothing to show; Prism, finding
 * no dirty region in a scene it was asked to paint, paints the whole window. In the software pipeline
 * (Xvfb, no GPU) that is 8 to 12 ms of painting after every filter and at the end of every scroll, for
 * nothing.
 *
 * <p>The guard is one transparent pixel. When cells moved in a layout, it changes the pixel's opacity in
 * the next pulse's layout, so that pulse has a one-pixel dirty region and Prism paints only that.
 * It only acts in a pulse that runs anyway, and never asks for one.
 */
final class RepaintGuard {

    private final Rectangle pixel = new Rectangle(1, 1, Color.TRANSPARENT);
    private final Runnable afterLayout = this::afterLayout;
    /** Cells moved in the layout pass of the pulse now running. */
    private boolean cellsMoved;
    /** Cells moved in an earlier pulse: the next pulse gets the pixel's change. */
    private boolean pending;
    private int nudges;

    RepaintGuard() {
        pixel.setManaged(false);
        pixel.setMouseTransparent(true);
        pixel.setFocusTraversable(false);
        pixel.setOpacity(0.5);
        pixel.getStyleClass().add("repaint-guard");
        pixel.sceneProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.removePostLayoutPulseListener(afterLayout);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(afterLayout);
            }
        });
    }

    /** The pixel: put it in the same scene as the table, anywhere (it is unmanaged and draws nothing). */
    Node node() {
        return pixel;
    }

    /** Called by a table's rows whenever one takes a new index: its cells moved in this layout. */
    void cellsMoved() {
        cellsMoved = true;
    }

    /** How often the pixel changed (for tests). */
    int nudges() {
        return nudges;
    }

    private void afterLayout() {
        if (pending) {
            pixel.setOpacity(pixel.getOpacity() == 0.5 ? 0.6 : 0.5);
            nudges++;
            pending = false;
        }
        if (cellsMoved) {
            pending = true;
            cellsMoved = false;
        }
    }
}
