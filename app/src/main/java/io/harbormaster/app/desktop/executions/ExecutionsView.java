package io.harbormaster.app.desktop.executions;

import io.harbormaster.app.desktop.shell.Icons;
import io.harbormaster.core.node.ComputeNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The executions table with its filter bar and the details pane; binds and delegates only. */
public final class ExecutionsView {

    private static final Duration MAX_DURATION = Duration.ofSeconds(Long.MAX_VALUE);
    /** Rows the table holds at once; VirtualFlow's layout walks all of them on every frame. */
    private static final int TABLE_WINDOW = 1_000;
    /** How near an edge of its window the table may scroll before the window moves. */
    private static final int TABLE_WINDOW_MARGIN = 150;

    private final ExecutionsViewModel viewModel;
    private final Supplier<ComputeNode> node;
    private final BorderPane root = new BorderPane();
    private final WindowedTableView<ExecutionRow> table = new WindowedTableView<>();
    private final Map<TableColumn<ExecutionRow, ?>, Comparator<ExecutionRow>> keys = new HashMap<>();
    private final TextField search = new TextField();
    /** The table's scroll bar over every row: the table itself holds a window of them. */
    private final ScrollBar overall = new ScrollBar();
    private final RepaintGuard repaintGuard = new RepaintGuard();
    private RowWindow<ExecutionRow> window;
    private WindowedScrolling<ExecutionRow> scrolling;
    /** Where the rows of a new search are to show from once they replace the rows shown, or -1. */
    private int topOfNewRows = -1;
    /** An id selected elsewhere (a submission) whose row has not reached the table yet. */
    private String pendingSelection;
    /** Ticks while something runs, so running rows' durations grow on screen. */
    private final ObjectProperty<Instant> clock = new SimpleObjectProperty<>(Instant.now());

    public ExecutionsView(ExecutionsViewModel viewModel, Supplier<ComputeNode> node) {
        this.viewModel = viewModel;
        this.node = node;
        root.setTop(filterBar());
        SplitPane split = new SplitPane(tablePane(), detailsPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        root.setCenter(split);
        root.setId("executions-screen");
        Timeline follow = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), tick -> {
            ComputeNode running = node.get();
            if (running != null) {
                viewModel.details().followLog(running);
            }
            if (viewModel.unfinishedCount() > 0) {
                clock.set(Instant.now());
            }
        }));
        follow.setCycleCount(Timeline.INDEFINITE);
        follow.play();
    }

    public Region root() {
        return root;
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public void copySelectedId() {
        String id = viewModel.selectedIdProperty().get();
        if (id != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(id);
            Clipboard.getSystemClipboard().setContent(content);
            viewModel.messageProperty().set("Copied " + id);
        }
    }

    private HBox filterBar() {
        search.setPromptText("Search id, job, engine, state, reason  (Ctrl+F)");
        search.setId("execution-search");
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        ChoiceBox<StateFilter> states = new ChoiceBox<>();
        states.setId("state-filter");
        states.getItems().setAll(StateFilter.values());
        states.valueProperty().bindBidirectional(viewModel.stateFilterProperty());
        Button cancel = action("Cancel", Icons.of(MaterialDesignS.STOP_CIRCLE_OUTLINE), "Cancel the selected execution (Delete)",
                viewModel::cancelSelected);
        cancel.setId("cancel-execution");
        Button rerun = action("Re-run", Icons.of(MaterialDesignR.REPLAY), "Run the selected job again (Ctrl+R)",
                viewModel::rerunSelected);
        rerun.setId("rerun-execution");
        Button copy = action("Copy id", Icons.of(MaterialDesignC.CONTENT_COPY), "Copy the selected id (Ctrl+Shift+C)",
                this::copySelectedId);
        copy.setId("copy-execution-id");
        cancel.disableProperty().bind(viewModel.selectedIdProperty().isNull());
        rerun.disableProperty().bind(viewModel.selectedIdProperty().isNull());
        copy.disableProperty().bind(viewModel.selectedIdProperty().isNull());
        Label summary = new Label();
        summary.setId("execution-summary");
        summary.textProperty().bind(viewModel.summaryProperty());
        Label magnifier = new Label("", Icons.of(MaterialDesignM.MAGNIFY));
        HBox bar = new HBox(8, magnifier, search, states, cancel, rerun, copy, summary);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        return bar;
    }

    private static Button action(String text, javafx.scene.Node icon, String tip, Runnable action) {
        Button button = new Button(text, icon);
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(event -> action.run());
        return button;
    }

    private VBox tablePane() {
        table.setId("executions-table");
        table.getColumns().add(column("Id", 150, ExecutionRow::id, Comparator.comparing(ExecutionRow::id)));
        table.getColumns().add(column("Job", 160, ExecutionRow::jobName, Comparator.comparing(ExecutionRow::jobName)));
        table.getColumns().add(column("Type", 70, ExecutionRow::jobType, Comparator.comparing(ExecutionRow::jobType)));
        table.getColumns().add(column("Engine", 70, ExecutionRow::engine, Comparator.comparing(ExecutionRow::engine)));
        table.getColumns().add(sortable(new TableColumn<>("State"), 100, ExecutionCells.StateCell::new,
                Comparator.comparing(ExecutionRow::state)));
        table.getColumns().add(column("Started", 110, row -> row.texts().started(),
                Comparator.comparing(ExecutionRow::startedAt, Comparator.nullsFirst(Comparator.naturalOrder()))));
        table.getColumns().add(sortable(new TableColumn<>("Duration"), 80, () -> new ExecutionCells.DurationCell(clock),
                Comparator.comparing(ExecutionsView::finishedDuration)));
        table.getColumns().add(column("Exit", 50, row -> row.texts().exitCode(),
                Comparator.comparing(ExecutionRow::exitCode, Comparator.nullsFirst(Comparator.naturalOrder()))));
        table.getColumns().add(column("Attempts", 70, row -> row.texts().attempts(),
                Comparator.comparingInt(ExecutionRow::attempts)));
        // the rows come filtered and ordered from the ViewModel: a click on a header asks it for an order
        // (worked out in the background) instead of letting the table sort 100,000 rows on the FX thread
        table.setSortPolicy(sorted -> {
            viewModel.orderBy(order());
            return true;
        });
        // rows of one known height: the table never measures a row, which keeps scrolling 100,000 of them cheap
        table.setFixedCellSize(30);
        table.setRowFactory(view -> table.row(repaintGuard::cellsMoved));
        window = new RowWindow<>(viewModel.visibleRows(), TABLE_WINDOW);
        scrolling = new WindowedScrolling<>(table, window, overall, TABLE_WINDOW_MARGIN, ExecutionRow::id);
        overall.setId("executions-scroll");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(viewModel.loadingProperty())
                .then("Loading executions…").otherwise("No executions match. Submit a job with Ctrl+N."));
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            // moving the table's window re-selects the same execution by its new index: not a new choice
            if (now != null && !scrolling.moving()) {
                viewModel.selectedIdProperty().set(now.id());
            }
        });
        // a selection made elsewhere (a submission) is shown in the table too, once its row is there
        viewModel.selectedIdProperty().addListener((obs, old, now) -> selectInTable(now));
        // a new search shows its rows from the top, or with the selected execution where it was on screen
        viewModel.setBeforeNewResults(selectedAt -> topOfNewRows = scrolling.placeNextList(selectedAt));
        viewModel.visibleRows().addListener((javafx.collections.ListChangeListener<ExecutionRow>) change -> {
            if (topOfNewRows >= 0) {
                scrolling.show(topOfNewRows);
                topOfNewRows = -1;
            }
            if (pendingSelection != null) {
                selectInTable(pendingSelection);
            } else {
                keepSelectedInWindow();
            }
        });
        Label message = new Label();
        message.setId("execution-message");
        message.textProperty().bind(viewModel.messageProperty());
        HBox rows = new HBox(table, overall);
        HBox.setHgrow(table, Priority.ALWAYS);
        VBox pane = new VBox(rows, message, repaintGuard.node());
        VBox.setVgrow(rows, Priority.ALWAYS);
        message.setPadding(new Insets(2, 8, 2, 8));
        return pane;
    }

    /** The order of the table's sort columns, each ascending or descending as its header says; null for none. */
    private Comparator<ExecutionRow> order() {
        Comparator<ExecutionRow> order = null;
        for (TableColumn<ExecutionRow, ?> column : table.getSortOrder()) {
            Comparator<ExecutionRow> key = keys.get(column);
            if (key == null) {
                continue;
            }
            if (column.getSortType() == TableColumn.SortType.DESCENDING) {
                key = key.reversed();
            }
            order = order == null ? key : order.thenComparing(key);
        }
        return order;
    }

    /** A finished row's duration; rows still running sort as the longest, so a row's place does not drift. */
    private static Duration finishedDuration(ExecutionRow row) {
        if (row.startedAt() == null) {
            return Duration.ZERO;
        }
        return row.finishedAt() == null ? MAX_DURATION : row.duration(row.finishedAt());
    }

    private void selectInTable(String id) {
        pendingSelection = null;
        if (id == null) {
            return;
        }
        ExecutionRow selected = table.getSelectionModel().getSelectedItem();
        if (selected != null && selected.id().equals(id)) {
            return;
        }
        List<ExecutionRow> rows = viewModel.visibleRows();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(id)) {
                scrolling.select(i);
                return;
            }
        }
        pendingSelection = id;
    }

    /**
     * After the rows changed (a filter, a new row, a row replaced): the selected execution stays selected
     * if its row is still in the table's window. One scrolled far away is left unselected, not scrolled back to.
     */
    private void keepSelectedInWindow() {
        String wanted = viewModel.selectedIdProperty().get();
        ExecutionRow selected = table.getSelectionModel().getSelectedItem();
        if (wanted == null || (selected != null && selected.id().equals(wanted))) {
            return;
        }
        List<ExecutionRow> shown = window.rows();
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).id().equals(wanted)) {
                table.getSelectionModel().clearAndSelect(i);
                return;
            }
        }
    }

    private TableColumn<ExecutionRow, ExecutionRow> column(String title, double width, Function<ExecutionRow, String> text,
                                                           Comparator<ExecutionRow> key) {
        return sortable(new TableColumn<>(title), width, () -> new ExecutionCells.TextCell(text), key);
    }

    private TableColumn<ExecutionRow, ExecutionRow> sortable(TableColumn<ExecutionRow, ExecutionRow> column, double width,
                                                             Supplier<TableCell<ExecutionRow, ExecutionRow>> cells,
                                                             Comparator<ExecutionRow> key) {
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(col -> cells.get());
        keys.put(column, key);
        return column;
    }

    private TabPane detailsPane() {
        ExecutionDetailsViewModel details = viewModel.details();
        Label title = new Label();
        title.setId("details-title");
        title.getStyleClass().add("title-4");
        title.textProperty().bind(details.titleProperty());
        Label summary = new Label();
        summary.setId("details-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(details.summaryProperty());
        // a list of lines: virtualized for long logs, and it can be held at its newest line
        ListView<String> log = new ListView<>(new BulkList<>());
        log.setId("details-log");
        log.getStyleClass().addAll("monospace", "log-lines");
        log.setFixedCellSize(20);
        details.logProperty().addListener((obs, old, now) -> {
            String text = now.endsWith("\n") ? now.substring(0, now.length() - 1) : now;
            log.getItems().setAll(text.isEmpty() ? List.of() : List.of(text.split("\n", -1)));
            log.scrollTo(log.getItems().size() - 1);
        });
        VBox logBox = new VBox(6, title, summary, log);
        VBox.setVgrow(log, Priority.ALWAYS);
        logBox.setPadding(new Insets(8));
        ListView<String> history = new ListView<>(details.history());
        history.setId("details-history");
        TextArea spec = readOnly(details.specProperty());
        spec.setId("details-spec");
        TabPane tabs = new TabPane(new Tab("Log", logBox), new Tab("History", history), new Tab("Spec", spec));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("details-tabs");
        return tabs;
    }

    private static TextArea readOnly(javafx.beans.property.StringProperty text) {
        TextArea area = new TextArea();
        area.setEditable(false);
        area.getStyleClass().add("monospace");
        area.textProperty().bind(text);
        return area;
    }
}
