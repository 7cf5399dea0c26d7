package io.harbormaster.app.desktop.shell;

import io.harbormaster.app.desktop.environment.EnvironmentView;
import io.harbormaster.app.desktop.environment.EnvironmentViewModel;
import io.harbormaster.app.desktop.executions.ExecutionsView;
import io.harbormaster.app.desktop.executions.ExecutionsViewModel;
import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.app.desktop.node.EmbeddedNode;
import io.harbormaster.app.desktop.node.FxUiThread;
import io.harbormaster.app.desktop.node.NodeState;
import io.harbormaster.app.desktop.recovery.DecisionLogViewModel;
import io.harbormaster.app.desktop.recovery.RecoveryView;
import io.harbormaster.app.desktop.recovery.RecoveryViewModel;
import io.harbormaster.app.desktop.recovery.RecoveryWizard;
import io.harbormaster.app.desktop.recovery.RecoveryWizardViewModel;
import io.harbormaster.app.desktop.settings.SettingsView;
import io.harbormaster.app.desktop.settings.SettingsViewModel;
import io.harbormaster.app.desktop.status.StatusBarView;
import io.harbormaster.app.desktop.status.StatusViewModel;
import io.harbormaster.app.desktop.submit.SubmitView;
import io.harbormaster.app.desktop.submit.SubmitViewModel;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeOptions;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window: navigation on the left, one screen in the middle, the status bar below. It embeds the
 * node, wires each screen's ViewModel to it, and owns the keyboard shortcuts and the close question.
 */
public final class DesktopShell {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopShell.class);

    private final Stage stage;
    private final EmbeddedNode node;
    private final BackgroundTasks tasks;
    private final ExecutorService workers;
    private final DesktopSettings settings;
    private final ExecutionsViewModel executions;
    private final SubmitViewModel submit;
    private final SettingsViewModel settingsModel;
    private final StatusViewModel status;
    private final RecoveryViewModel recovery;
    private final DecisionLogViewModel decisionLog;
    private final EnvironmentViewModel environment;
    private final ExecutionsView executionsView;
    private SubmitView submitView;
    /** Screens are built on their first visit: the first frame needs only the executions screen. */
    private final Map<Screen, Region> screens = new EnumMap<>(Screen.class);
    private Screen shown;
    private final Map<Screen, ToggleButton> navigation = new EnumMap<>(Screen.class);
    private final StackPane center = new StackPane();
    private final FinishNotifier notifier;
    private final Scene scene;
    private Theme theme;
    private Runnable onClosed = () -> { };
    private RecoveryWizard wizard;
    private boolean closing;

    private DesktopShell(Stage stage, NodeOptions options, CompletableFuture<ComputeNode> early) {
        this.stage = stage;
        this.workers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "desktop-background");
            thread.setDaemon(true);
            return thread;
        });
        this.tasks = new BackgroundTasks(workers, new FxUiThread());
        this.node = early == null ? new EmbeddedNode(options, tasks) : new EmbeddedNode(options, early, tasks);
        this.settings = DesktopSettings.load(node.dataDir());
        this.theme = settings.theme();
        // before the first control exists: otherwise JavaFX loads and parses its default theme (Modena) first
        Application.setUserAgentStylesheet(theme.userAgentStylesheet());
        this.executions = new ExecutionsViewModel(tasks);
        this.submit = new SubmitViewModel(tasks, this::runningNode);
        this.settingsModel = new SettingsViewModel(tasks, node.dataDir(), theme, this::applyTheme);
        this.status = new StatusViewModel(tasks);
        this.recovery = new RecoveryViewModel(tasks, RecoveryViewModel.localOperator());
        this.decisionLog = new DecisionLogViewModel(tasks);
        this.environment = new EnvironmentViewModel(tasks, RecoveryViewModel.localOperator());
        this.executionsView = new ExecutionsView(executions, this::runningNode);
        this.notifier = new FinishNotifier(stage);
        screens.put(Screen.EXECUTIONS, executionsView.root());

        BorderPane root = new BorderPane();
        root.setId("harbormaster-root");
        root.setLeft(navigationBar());
        root.setCenter(center);
        root.setBottom(new StatusBarView(status).root());
        this.scene = new Scene(root, 1200, 760);
        scene.getStylesheets().add(DesktopShell.class.getResource("/io/harbormaster/app/desktop/harbormaster.css")
                .toExternalForm());
        installShortcuts();
        wire();
    }

    /** Builds the window on {@code stage}, shows it and starts the node; call on the FX thread. */
    public static DesktopShell open(Stage stage, NodeOptions options) {
        return open(stage, options, null);
    }

    /** As {@link #open(Stage, NodeOptions)}, with the node's start already begun ({@code early}, or null). */
    public static DesktopShell open(Stage stage, NodeOptions options, CompletableFuture<ComputeNode> early) {
        DesktopShell shell = new DesktopShell(stage, options, early);
        shell.show();
        return shell;
    }

    private void wire() {
        node.addStatusListener(nodeStatus -> {
            status.onNodeStatus(nodeStatus);
            if (nodeStatus.state() == NodeState.READY) {
                executions.attach(node.node().orElseThrow());
                recovery.attach(node.node().orElseThrow());
                decisionLog.attach(node.node().orElseThrow());
                status.probe(runningNode());
                submit.validate();
            }
        });
        node.events().addListener(executions::onEvent);
        node.events().addListener(submit::onEvent);
        node.events().addListener(recovery::onEvent);
        node.events().addListener(decisionLog::onEvent);
        node.events().addListener(environment::onEvent);
        recovery.loadedProperty().addListener((obs, was, loaded) -> {
            RecoveryWizardViewModel guide = new RecoveryWizardViewModel(recovery, tasks);
            if (loaded && guide.shouldOpen()) {
                wizard = RecoveryWizard.open(stage, guide, () -> show(Screen.RECOVERY));
            }
        });
        executions.addFinishListener(notifier::finished);
        submit.setOnSubmitted(id -> {
            show(Screen.EXECUTIONS);
            executions.selectedIdProperty().set(id);
        });
        Timeline probes = new Timeline(new KeyFrame(Duration.seconds(10), tick -> status.probe(runningNode())));
        probes.setCycleCount(Timeline.INDEFINITE);
        probes.play();
    }

    private void show() {
        applyTheme(theme);
        stage.setTitle("Harbormaster — " + node.dataDir());
        stage.getIcons().setAll(WindowIcons.load());
        stage.setScene(scene);
        settings.windowPlace().ifPresent(place -> {
            stage.setX(place.x());
            stage.setY(place.y());
            stage.setWidth(place.width());
            stage.setHeight(place.height());
            stage.setMaximized(place.maximized());
        });
        stage.setOnCloseRequest(event -> {
            event.consume();
            requestClose();
        });
        show(Screen.EXECUTIONS);
        stage.show();
        settingsModel.load();
        node.start();
    }

    /** Switches the middle of the window to {@code screen}. */
    public void show(Screen screen) {
        center.getChildren().setAll(screens.computeIfAbsent(screen, this::build));
        navigation.get(screen).setSelected(true);
        shown = screen;
        // listing containers and plugin processes costs engine calls: only when the operator looks
        if (screen == Screen.ENVIRONMENT) {
            node.node().ifPresent(environment::attach);
        }
    }

    private Region build(Screen screen) {
        return switch (screen) {
            case EXECUTIONS -> executionsView.root();
            case SUBMIT -> submitView().root();
            case SETTINGS -> new SettingsView(settingsModel).root();
            case RECOVERY -> new RecoveryView(recovery, decisionLog).root();
            case ENVIRONMENT -> new EnvironmentView(environment).root();
        };
    }

    private SubmitView submitView() {
        if (submitView == null) {
            submitView = new SubmitView(submit);
        }
        return submitView;
    }

    private VBox navigationBar() {
        ToggleGroup group = new ToggleGroup();
        VBox bar = new VBox(4);
        bar.setId("navigation");
        bar.getStyleClass().add("navigation");
        bar.setPadding(new Insets(10, 6, 10, 6));
        bar.setAlignment(Pos.TOP_CENTER);
        Label brand = new Label("Harbormaster");
        brand.getStyleClass().add("brand");
        bar.getChildren().add(brand);
        addNavigation(bar, group, Screen.EXECUTIONS, MaterialDesignF.FORMAT_LIST_BULLETED, "Ctrl+1");
        addNavigation(bar, group, Screen.SUBMIT, MaterialDesignS.SEND_OUTLINE, "Ctrl+2, new job Ctrl+N");
        addNavigation(bar, group, Screen.SETTINGS, MaterialDesignC.COG_OUTLINE, "Ctrl+3");
        addNavigation(bar, group, Screen.RECOVERY, MaterialDesignR.RESTORE, "Ctrl+4");
        addNavigation(bar, group, Screen.ENVIRONMENT, MaterialDesignB.BROOM, "Ctrl+5");
        // a selected screen stays selected when its button is clicked again
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true);
            }
        });
        return bar;
    }

    private void addNavigation(VBox bar, ToggleGroup group, Screen screen, Ikon ikon, String shortcut) {
        ToggleButton button = new ToggleButton(screen.label(), Icons.of(ikon));
        button.setId("nav-" + screen.name().toLowerCase(java.util.Locale.ROOT));
        button.setToggleGroup(group);
        button.setContentDisplay(ContentDisplay.TOP);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setTooltip(new Tooltip(screen.label() + " (" + shortcut + ")"));
        button.setOnAction(event -> show(screen));
        navigation.put(screen, button);
        bar.getChildren().add(button);
    }

    private void installShortcuts() {
        Map<KeyCombination, Runnable> keys = scene.getAccelerators();
        keys.put(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN), () -> show(Screen.EXECUTIONS));
        keys.put(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN), () -> show(Screen.SUBMIT));
        keys.put(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN), () -> show(Screen.SETTINGS));
        keys.put(new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.SHORTCUT_DOWN), () -> show(Screen.RECOVERY));
        keys.put(new KeyCodeCombination(KeyCode.DIGIT5, KeyCombination.SHORTCUT_DOWN), () -> show(Screen.ENVIRONMENT));
        keys.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), () -> {
            show(Screen.SUBMIT);
            submitView().focusEditor();
        });
        keys.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), () -> {
            show(Screen.SUBMIT);
            submitView().openFile();
        });
        keys.put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), () -> {
            if (shown == Screen.SUBMIT) {
                submit.submit();
            }
        });
        keys.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            show(Screen.EXECUTIONS);
            executionsView.focusSearch();
        });
        keys.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), executions::rerunSelected);
        keys.put(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                executionsView::copySelectedId);
        keys.put(new KeyCodeCombination(KeyCode.DELETE), () -> {
            // Delete inside a text field edits text; it cancels only from the table
            if (!(scene.getFocusOwner() instanceof TextInputControl)) {
                executions.cancelSelected();
            }
        });
        keys.put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN),
                () -> settingsModel.themeProperty().set(theme.other()));
        keys.put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), this::requestClose);
    }

    /** Switches the theme as the settings screen and Ctrl+T do. */
    public void setTheme(Theme next) {
        settingsModel.themeProperty().set(next);
    }

    private void applyTheme(Theme next) {
        theme = next;
        Application.setUserAgentStylesheet(next.userAgentStylesheet());
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add(next == Theme.DARK ? "theme-dark" : "theme-light");
        settings.setTheme(next);
    }

    /** Asks whether to leave executions running or stop them, then closes. */
    public void requestClose() {
        if (closing) {
            return;
        }
        if (node.node().isEmpty()) {
            close(false);
            return;
        }
        CloseChoice.ask(stage, executions.unfinishedCount()).ifPresent(this::close);
    }

    /** Detaches ({@code stopExecutions} false) or stops the executions, then closes the window. */
    public void close(boolean stopExecutions) {
        if (closing) {
            return;
        }
        closing = true;
        settings.setWindowPlace(new DesktopSettings.WindowPlace(stage.getX(), stage.getY(), stage.getWidth(),
                stage.getHeight(), stage.isMaximized()));
        settings.save();
        if (wizard != null) {
            wizard.stage().close();
        }
        node.shutdown(stopExecutions, () -> {
            workers.shutdown();
            stage.close();
            LOG.info("Window closed ({})", stopExecutions ? "executions stopped" : "executions left running");
            onClosed.run();
        });
    }

    /** Runs once the window has closed and the node has stopped (the app exits there). */
    public void setOnClosed(Runnable action) {
        this.onClosed = action;
    }

    public EmbeddedNode embeddedNode() {
        return node;
    }

    public ExecutionsViewModel executions() {
        return executions;
    }

    public SubmitViewModel submit() {
        return submit;
    }

    public RecoveryViewModel recovery() {
        return recovery;
    }

    public EnvironmentViewModel environment() {
        return environment;
    }

    /** The recovery wizard opened at start, if decisions waited. */
    public java.util.Optional<RecoveryWizard> wizard() {
        return java.util.Optional.ofNullable(wizard);
    }

    public Scene scene() {
        return scene;
    }

    private ComputeNode runningNode() {
        return node.node().orElse(null);
    }
}
