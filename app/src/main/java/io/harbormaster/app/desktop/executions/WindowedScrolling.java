package io.harbormaster.app.desktop.executions;

import java.util.Objects;
import java.util.function.Function;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableViewSkin;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Scrolls a table that shows a {@link RowWindow} as if it showed the whole list. A scroll bar of ours
 * covers every row (the table's own vertical bar, which would cover only the window, is hidden by the
 * {@code windowed} style class); dragging it moves the window and the table together. The table still
 * scrolls itself by wheel and keys inside the window, and after each layout the window is moved when the
 * first row on screen comes within {@code margin} rows of either edge, keeping the same rows where they
 * were on screen. The selection follows its item (by {@code key}), not its index.
 *
 * <p>The bar stays the table's vertical bar when the list is short enough for the window to hold it
 * whole, and keeps its place when every row fits on screen (it is only hidden): a filter that empties
 * the table or fills it again changes neither the table's style nor its width, which made the table
 * apply its CSS and lay out its columns again in that frame.
 */
final class WindowedScrolling<T> {

    static final String WINDOWED = "windowed";
    /** How many screens of rows the flow makes up front (see {@link #makeSpareCells}). */
    private static final double SPARE_CELLS = 2.5;

    private final TableView<T> table;
    private final RowWindow<T> window;
    private final ScrollBar bar;
    private final int margin;
    private final Skin<T> skin;
    private final Function<T, ?> key;
    private final Runnable afterLayout = this::followTable;
    /** The operator's selection while its row is outside the window: selected again when it comes back. */
    private T away;
    /** Whether the flow has made its spare rows (see {@link #makeSpareCells}). */
    private boolean cellsMade;
    /** True while we move the window or set the bar: the changes that causes are ours, not the operator's. */
    private boolean moving;

    /**
     * @param key what makes two rows the same item (a row replaced by a newer copy of the same
     *            execution keeps its selection)
     */
    WindowedScrolling(TableView<T> table, RowWindow<T> window, ScrollBar bar, int margin, Function<T, ?> key) {
        this.table = Objects.requireNonNull(table, "table");
        this.key = Objects.requireNonNull(key, "key");
        this.window = Objects.requireNonNull(window, "window");
        this.bar = Objects.requireNonNull(bar, "bar");
        if (margin < 1 || margin * 2 >= window.capacity()) {
            throw new IllegalArgumentException("margin " + margin + " does not fit a window of " + window.capacity());
        }
        this.margin = margin;
        this.skin = new Skin<>(table);
        table.setSkin(skin);
        table.getStyleClass().add(WINDOWED);
        table.setItems(window.rows());
        // the selected item is selected again by its key after a move (see move()) or a new list (the view)
        window.beforeSwap(() -> table.getSelectionModel().clearSelection());
        if (table instanceof WindowedTableView<T> windowedTable) {
            windowedTable.windowed(window, this::show);
        }
        bar.setOrientation(Orientation.VERTICAL);
        bar.setMin(0);
        bar.setUnitIncrement(1);
        bar.valueProperty().addListener((obs, old, now) -> {
            if (!moving) {
                show((int) Math.round(now.doubleValue()));
            }
        });
        window.rows().addListener((javafx.collections.ListChangeListener<T>) change -> updateBar());
        window.startProperty().addListener((obs, old, now) -> updateBar());
        window.sourceSizeProperty().addListener((obs, old, now) -> updateBar());
        skin.flow().heightProperty().addListener((obs, old, now) -> updateBar());
        table.sceneProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.removePostLayoutPulseListener(afterLayout);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(afterLayout);
            }
        });
        if (table.getScene() != null) {
            table.getScene().addPostLayoutPulseListener(afterLayout);
        }
        table.addEventFilter(KeyEvent.KEY_PRESSED, this::homeAndEnd);
        // the wheel over our bar scrolls as much as over the table (a plain ScrollBar moves one unit a notch)
        bar.addEventFilter(ScrollEvent.SCROLL, event -> {
            int first = firstShown();
            if (first >= 0 && event.getDeltaY() != 0) {
                int rows = (int) Math.round(-event.getDeltaY() / rowHeight());
                show(first + (rows != 0 ? rows : (int) -Math.signum(event.getDeltaY())));
                event.consume();
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && !moving) {
                away = null;
            }
        });
        updateBar();
    }

    /** Whether the window is being moved by us: selection changes meanwhile are not the operator's. */
    boolean moving() {
        return moving;
    }

    /** Shows source row {@code index} at the top of the table, moving the window if it must. */
    void show(int index) {
        if (window.sourceSize() == 0) {
            return;
        }
        int target = Math.max(0, Math.min(index, window.sourceSize() - 1));
        if (nearAnEdge(target - window.start())) {
            move(target);
        }
        // through the table, not straight to its flow: the skin first tells the flow how many rows it now has
        // (it does so only at its next layout otherwise, and a flow that still counts fewer rows puts the
        // target elsewhere: a jump to the end right after rows arrived landed hundreds of rows short)
        table.scrollTo(target - window.start());
        setBar(target);
    }

    /**
     * Before the list is replaced by another (the rows of a new search): where the new list is to show
     * from. That is its top, or, when the selected item is in it (at {@code selectedAt}), the row that keeps
     * the selected item on the screen row it is on now (the top one if it is not on screen). The window is
     * moved there in the swap that replaces the list; {@link #show} the answer once it is replaced.
     */
    int placeNextList(int selectedAt) {
        int top = selectedAt < 0 ? 0 : Math.max(0, selectedAt - selectedScreenRow());
        window.centreOnNextChange(top);
        return top;
    }

    /** How many rows below the first one on screen the selected row is; 0 when it is not on screen. */
    private int selectedScreenRow() {
        int selected = table.getSelectionModel().getSelectedIndex();
        IndexedCell<?> first = skin.flow().getFirstVisibleCell();
        if (selected < 0 || first == null || first.getIndex() < 0) {
            return 0;
        }
        int row = selected - first.getIndex();
        return row >= 0 && row < shownRows() ? row : 0;
    }

    /** Selects source row {@code index} and scrolls the table to it. */
    void select(int index) {
        if (index < 0 || index >= window.sourceSize()) {
            return;
        }
        int local = window.localIndexOf(index);
        if (local < 0 || nearAnEdge(local)) {
            move(index);
            local = window.localIndexOf(index);
        }
        table.getSelectionModel().clearAndSelect(local);
        table.scrollTo(local);
        setBar(index);
    }

    /** The source index of the first row on screen, or -1 before the table has laid out any row. */
    int firstShown() {
        IndexedCell<?> first = skin.flow().getFirstVisibleCell();
        return first == null || first.getIndex() < 0 ? -1 : window.start() + first.getIndex();
    }

    private boolean nearAnEdge(int local) {
        boolean roomAbove = window.start() > 0;
        boolean roomBelow = window.start() + window.rows().size() < window.sourceSize();
        return (local < margin && roomAbove) || (local + shownRows() > window.rows().size() - margin && roomBelow)
                || local < 0 || local >= window.rows().size();
    }

    /**
     * Centres the window on source row {@code index}. The selected item stays selected at its new index;
     * one that leaves the window is remembered and selected again when a later move brings it back.
     */
    private void move(int index) {
        T selected = table.getSelectionModel().getSelectedItem();
        T kept = selected != null ? selected : away;
        ours(() -> {
            window.centreOn(index);
            if (kept != null) {
                int at = indexOfSame(kept);
                if (at < 0) {
                    away = kept;
                    table.getSelectionModel().clearSelection();
                } else {
                    away = null;
                    if (table.getSelectionModel().getSelectedIndex() != at) {
                        table.getSelectionModel().clearAndSelect(at);
                    }
                }
            }
        });
    }

    private int indexOfSame(T item) {
        Object wanted = key.apply(item);
        for (int i = 0; i < window.rows().size(); i++) {
            if (wanted.equals(key.apply(window.rows().get(i)))) {
                return i;
            }
        }
        return -1;
    }

    /** After each layout: follows the table's own scrolling with the bar, and moves the window near its edges. */
    private void followTable() {
        if (moving) {
            return;
        }
        VirtualFlow<TableRow<T>> flow = skin.flow();
        if (!cellsMade && flow.getCellCount() > 0 && flow.getHeight() > 0) {
            makeSpareCells(flow);
        }
        IndexedCell<?> first = flow.getFirstVisibleCell();
        if (first == null || first.getIndex() < 0) {
            return;
        }
        int local = first.getIndex();
        int index = window.start() + local;
        if (nearAnEdge(local)) {
            // the same row stays at the same place on screen, part-scrolled as it was
            double offset = first.getLayoutY();
            move(index);
            table.scrollTo(index - window.start());
            if (offset < 0) {
                flow.scrollPixels(-offset);
            }
        }
        setBar(index);
    }

    /**
     * Once, as soon as the table shows rows: lays its flow out at {@link #SPARE_CELLS} times its height and
     * back, in the same layout pass, so the flow makes the rows it will later need at once and keeps them.
     * Nothing of it reaches the screen.
     *
     * <p>Why: the flow makes a row (a row, a cell per column and their skins, each styled from scratch)
     * only when it runs out of them, and after some filters it needs about twice the rows on screen in
     * one layout. With the executions table's columns and theme, making the eight rows it lacked took 40 to
     * 60 ms of one frame, the first time a filter left it a hundred rows out of a thousand.
     */
    private void makeSpareCells(VirtualFlow<TableRow<T>> flow) {
        cellsMade = true;
        double width = flow.getWidth();
        double height = flow.getHeight();
        flow.resize(width, height * SPARE_CELLS);
        flow.layout();
        flow.resize(width, height);
        flow.layout();
    }

    private void homeAndEnd(KeyEvent key) {
        if (!window.windowed() || key.isShiftDown() || key.isAltDown()
                || (key.getCode() != KeyCode.HOME && key.getCode() != KeyCode.END)) {
            return;
        }
        select(key.getCode() == KeyCode.HOME ? 0 : window.sourceSize() - 1);
        key.consume();
    }

    private void updateBar() {
        int shown = shownRows();
        // hidden, not unmanaged, when every row fits: the table keeps its width
        bar.setVisible(window.sourceSize() > shown);
        ours(() -> {
            bar.setMax(Math.max(0, window.sourceSize() - shown));
            bar.setVisibleAmount(shown);
            bar.setBlockIncrement(shown);
        });
    }

    private void setBar(int index) {
        if (bar.getValue() != index) {
            ours(() -> bar.setValue(Math.min(index, bar.getMax())));
        }
    }

    /**
     * Runs {@code change} as ours, not the operator's (see {@link #moving}). Nested calls happen (the bar is
     * updated when a move changes the window's rows): each leaves the flag as it found it.
     */
    private void ours(Runnable change) {
        boolean outer = moving;
        moving = true;
        try {
            change.run();
        } finally {
            moving = outer;
        }
    }

    /** How many whole rows the table has room for. */
    private int shownRows() {
        return Math.max(1, (int) (skin.flow().getHeight() / rowHeight()));
    }

    private double rowHeight() {
        return table.getFixedCellSize() > 0 ? table.getFixedCellSize() : 24;
    }

    /** The table's usual skin, with its flow in reach, that lays its rows out once when their count changes. */
    private static final class Skin<T> extends TableViewSkin<T> {

        Skin(TableView<T> table) {
            super(table);
        }

        VirtualFlow<TableRow<T>> flow() {
            return getVirtualFlow();
        }

        @Override
        protected VirtualFlow<TableRow<T>> createVirtualFlow() {
            return new Flow<>();
        }

        /**
         * When the row count changed, the flow has just laid its rows out (JavaFX's {@code VirtualFlow} does
         * so at once when told a new count), but not each row's cells. Left so, its own layout in the same
         * pulse found rows needing layout and placed and styled every row again: 2 to 3 ms of a filter's
         * frame with the executions table. Laid out here, the flow's own layout finds nothing to do.
         *
         * <p>Not after an empty table (the skin then rebuilds its rows anyway), nor when the new count moved
         * the flow's position: a list much shorter than where the table was scrolled leaves the flow at a
         * position out of its range (-0.11 in the timing mode), and its own layout then places every row
         * again whatever was laid out before.
         */
        @Override
        protected void updateItemCount() {
            Flow<TableRow<T>> flow = (Flow<TableRow<T>>) getVirtualFlow();
            int before = flow.getCellCount();
            double position = flow.getPosition();
            super.updateItemCount();
            if (before != 0 && flow.getCellCount() != before && flow.getPosition() == position) {
                flow.layOutCells();
            }
        }
    }

    /** A flow whose rows can be laid out from outside. */
    private static final class Flow<R extends IndexedCell<?>> extends VirtualFlow<R> {

        void layOutCells() {
            for (R cell : getCells()) {
                cell.layout();
            }
        }
    }
}
