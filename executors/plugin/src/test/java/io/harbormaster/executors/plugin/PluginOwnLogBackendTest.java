package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.core.plugin.PluginFiles;
import io.harbormaster.core.plugin.PluginLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real plugin process logs through {@link PluginLogProvider}, which the launcher names: the JVM's class-load
 * log shows no logback class, and the plugin's file holds its lines in the format logback wrote, up to the last
 * one before it exits.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PluginOwnLogBackendTest {

    private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}";

    @TempDir
    Path temp;
    private LaunchedPlugins plugins;

    @AfterEach
    void tearDown() {
        if (plugins != null) {
            plugins.close();
        }
    }

    @Test
    void aLaunchedPluginLoadsNoLogbackAndWritesItsLinesToItsFile() throws Exception {
        plugins = new LaunchedPlugins(temp);
        Path classLog = temp.resolve("classes.log");
        ReattachConfig config = plugins.adopt(new PluginLauncher(plugins.spec("d-log")
                .jvmOption("-Xlog:class+load=info:file=" + classLog).build()).launch());
        StartRequest request = plugins.batch("e-log", "echo hi");

        try (PluginExecutor executor = plugins.executor(config)) {
            var handle = executor.start(request);
            ExitResult exit = executor.await(new ExecutionRef("e-log", handle, config, request.files()))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(exit.exitCode()).isZero();
            executor.shutdown(true, Duration.ofMillis(200));
        }
        ProcessHandle.of(config.pid()).ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());

        List<String> loaded = Files.readAllLines(classLog);
        assertThat(loaded).as("the JVM logged its class loading").anyMatch(line -> line.contains("] " + PluginLauncher.MAIN_CLASS + " "));
        assertThat(loaded).as("its own backend").anyMatch(line -> line.contains("] " + PluginLogProvider.class.getName() + " "));
        assertThat(loaded).as("no logback class").noneMatch(line -> line.contains("ch.qos.logback"));

        PluginFiles files = new PluginFiles(plugins.runtimeDir(), "d-log");
        List<String> lines = Files.readAllLines(files.log());
        assertThat(lines).anyMatch(Pattern.compile(TIME + " INFO  \\[main\\] i\\.h\\.executors\\.plugin\\.PluginMain - Plugin d-log"
                + " serving executor docker on " + Pattern.quote(files.socket().toString()) + " \\(pid " + config.pid() + "\\)")
                .asMatchPredicate());
        assertThat(lines).anyMatch(Pattern.compile(TIME + " INFO  \\[[^\\]]+\\] i\\.h\\.e\\.plugin\\.PluginOperations"
                + " - Started execution e-log \\(attempt 1\\)").asMatchPredicate());
        assertThat(lines).as("the last line, written just before the JVM exits")
                .last().asString().matches(TIME + " INFO  \\[main\\] i\\.h\\.executors\\.plugin\\.PluginMain"
                        + " - Plugin exits \\(shutdown, executions stopped\\)");
        assertThat(Files.readString(files.stderrLog())).as("nothing on stderr: no SLF4J notice, no log line").isEmpty();
    }
}
