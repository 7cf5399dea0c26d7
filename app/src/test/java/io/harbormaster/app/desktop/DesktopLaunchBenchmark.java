package io.harbormaster.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.DataDirectory;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.spec.JobSpecParser;
import io.harbormaster.core.spec.LocalPathAllowList;
import io.harbormaster.core.store.MapDbExecutionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The desktop window's figures for docs/benchmarks.md: the real app started by the real launcher
 * ({@code ./harbormaster}) in a real X server (Xvfb), a new JVM each time, on an empty store and on one of
 * 100,000 executions; then the 100,000-row table scrolled end to end and filtered, every frame timed by
 * JavaFX's pulse logger. Side by side in one run: this checkout with its class-data-sharing archive,
 * the same without it ({@code HARBORMASTER_CDS=off}) and, with {@code -Dbenchmark.baseline=DIR}, an
 * earlier checkout built in DIR (before these changes), launches alternated so a busy spell on the
 * shared machine touches all of them.
 */
@Tag("benchmark")
class DesktopLaunchBenchmark {

    static final String COMMAND = "./harbormaster --version   # builds the jars the launcher runs\n"
            + "./mvnw -B -Pbenchmark -pl app -am verify -Dtest=DesktopLaunchBenchmark "
            + "-Dsurefire.failIfNoSpecifiedTests=false [-Dbenchmark.baseline=DIR]";
    private static final String HEADING = "## Desktop app";
    private static final int EXECUTIONS = 100_000;
    private static final String READING = "Launch: compare \"after\" with \"after, without the CDS archive\""
            + " (same code): the class-data-sharing archive `./harbormaster` makes at the window's first run saves"
            + " loading about 9,000 classes from jars (count them with `-Xlog:class+load`). Table: profiles of a"
            + " scrolled frame (JFR for Java, `perf` for Prism's native painting) showed two costs. Layout: JavaFX's"
            + " VirtualFlow walks all its rows on every layout (it sums row heights to find the first visible row"
            + " and re-estimates its length), even when every row has one fixed height; with 100,000 rows that walk"
            + " was about half of the FX thread's time. The table now holds a window of 1,000 rows that moves as it"
            + " scrolls, under a scroll bar of ours that covers every row. Painting: Xvfb offers no OpenGL, so"
            + " Prism paints in software, and it kept each region's background as an image stretched over the"
            + " region at every paint, which in software costs more than filling it again; the window now starts"
            + " with `-Dprism.disableRegionCaching=true` (unless set otherwise), and the table's rows draw only their"
            + " separator over the table's own background instead of two fills each. JIT: with both compilers, C2's"
            + " threads took about a third of the CPU in a profile of the first drag, and a first search made it"
            + " throw away (deoptimise) about 150 compiled methods of the table's code at once; the window now runs"
            + " with C1 only (`-XX:TieredStopAtLevel=1`, set by `./harbormaster` for the window). GC: G1's default"
            + " 200 ms pause goal let young pauses of up to 150 ms hold whole frames; the window now runs with"
            + " `-XX:MaxGCPauseMillis=10`. The first drag runs while C1 still compiles the table's code, hence the"
            + " second one; the window's C1 compiles after a fifth of the usual calls"
            + " (`-XX:CompileThresholdScaling=0.2`), which spares the first drag most of that.";
    private static final int REPETITIONS = Integer.getInteger("benchmark.repetitions", 5);
    private static final Pattern TIMING = Pattern.compile("first-frame-ms=(\\d+) ready-ms=(\\d+) all-ms=(\\d+) rows=(\\d+)");
    private static final Pattern PULSE = Pattern.compile("^PULSE: \\d+ \\[(\\d+)ms:(\\d+)ms\\]");

    /** A checkout whose launcher starts the app, with the environment that picks its variant. */
    private record Build(String name, Path root, Map<String, String> env) {
    }

    /** The app's markers on stdout, each starting a phase of the table run, and what the phase does. */
    private static final Map<String, String> PHASES = phases();

    /** One scroll-and-filter run: per phase that the build marked, pulse durations and the gaps between pulse starts. */
    private record Frames(Map<String, double[][]> phases) {
    }

    private static Map<String, String> phases() {
        Map<String, String> phases = new LinkedHashMap<>();
        phases.put("harbormaster-desktop-scroll start", "Dragging the scroll bar through 100,000 rows, right after the launch");
        phases.put("harbormaster-desktop-scroll-again start", "The same drag again");
        phases.put("harbormaster-desktop-wheel start", "600 mouse-wheel notches of 3 rows");
        phases.put("harbormaster-desktop-filter start", "Filtering 100,000 rows (19 searches)");
        return phases;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.MINUTES)
    void measureLaunchAndTheTableWithAHundredThousandExecutions() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xvfb-run")), "xvfb-run is needed for a real window");
        Path repo = repositoryRoot();
        assumeTrue(Files.isRegularFile(repo.resolve("app/target/harbormaster-app.jar")),
                "run ./harbormaster --version first: the launcher starts the packaged jars");
        Path work = Files.createTempDirectory(repo.resolve("app/target"), "desktop-bench").toAbsolutePath();
        Path full = work.resolve("full");
        String loadBefore = loadAverage();
        fill(new DataDirectory(full));

        List<Build> builds = new ArrayList<>();
        String baseline = System.getProperty("benchmark.baseline", "");
        if (!baseline.isBlank()) {
            Path base = Path.of(baseline).toAbsolutePath();
            assertThat(base.resolve("app/target/harbormaster-app.jar")).as("the baseline's built app").isRegularFile();
            builds.add(new Build("before (" + commitOf(base) + ")", base, Map.of()));
        }
        builds.add(new Build("after, without the CDS archive", repo, Map.of("HARBORMASTER_CDS", "off")));
        Build after = new Build("after", repo, Map.of("HARBORMASTER_CDS", "on"));
        builds.add(after);

        // the launcher makes its archive the first time the window opens: that launch is timed apart
        deleteArchives(repo);
        double[][] training = new double[3][1];
        launch(after, work.resolve("training"), training, 0, 0, false, "training");
        assertThat(archives(repo)).as("the launcher's class-data-sharing archive").isNotEmpty();

        Map<Build, double[][]> empty = new LinkedHashMap<>();
        Map<Build, double[][]> loaded = new LinkedHashMap<>();
        builds.forEach(build -> {
            empty.put(build, new double[3][REPETITIONS]);
            loaded.put(build, new double[3][REPETITIONS]);
        });
        for (int i = 0; i < REPETITIONS; i++) {
            for (int b = 0; b < builds.size(); b++) {
                // alternated, and each round in another order, so a busy spell on the machine touches all
                Build build = builds.get((b + i) % builds.size());
                launch(build, work.resolve("empty-" + i + "-" + builds.indexOf(build)), empty.get(build), i, 0, false, "launch");
                launch(build, full, loaded.get(build), i, EXECUTIONS, false, "launch");
            }
        }
        Map<Build, Frames> frames = new LinkedHashMap<>();
        String pipeline = "pipeline not reported";
        // the archive changes how fast classes load, not the table: the table is timed before and after only
        List<Build> tables = builds.size() > 2 ? List.of(builds.get(0), after) : List.of(after);
        for (Build build : tables) {
            List<String> output = launch(build, full, new double[3][1], 0, EXECUTIONS, true, "scroll");
            frames.put(build, frames(output));
            pipeline = output.stream().filter(line -> line.contains("Initialized prism pipeline"))
                    .map(String::strip).findFirst().orElse(pipeline);
        }

        StringBuilder section = new StringBuilder(HEADING).append("\n\n")
                .append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (load average ").append(loadBefore)
                .append(" at the start, ").append(loadAverage()).append(" at the end), Java ")
                .append(Runtime.version().feature()).append(", JavaFX in Xvfb 1280x800 (no GPU: ").append(pipeline)
                .append("). Each launch is a new JVM started by the checkout's own `./harbormaster --data-dir DIR`;")
                .append(" times are from the JVM's start. Builds and stores alternated, ").append(REPETITIONS)
                .append(" launches each; median (min–max).\n\n")
                .append("| Build | Store | First frame (first layout pulse) | Ready: node accepting work, newest 500 in the table")
                .append(" | Every execution in the table |\n|---|---|---|---|---|\n");
        for (Build build : builds) {
            section.append(launchRow(build.name(), "empty", empty.get(build)));
            section.append(launchRow(build.name(), "100,000", loaded.get(build)));
        }
        section.append(launchRow("after, the launch that makes the archive", "empty", training));
        if (builds.size() > 2) {
            Build before = builds.get(0);
            section.append(String.format(Locale.ROOT, "%nWith 100,000 executions, before ÷ after: first frame %.2f, ready %.2f;"
                            + " after without ÷ with the archive: first frame %.2f, ready %.2f.%n",
                    median(loaded.get(before)[0]) / median(loaded.get(after)[0]),
                    median(loaded.get(before)[1]) / median(loaded.get(after)[1]),
                    median(loaded.get(builds.get(1))[0]) / median(loaded.get(after)[0]),
                    median(loaded.get(builds.get(1))[1]) / median(loaded.get(after)[1])));
        }
        section.append("\nGoal: first frame and ready within 3 s with 100,000 executions.\n\n")
                .append("FX pulses (`-Djavafx.pulseLogger=true`: each pulse's CSS, layout and painting) on 100,000")
                .append(" executions: the scroll bar dragged from top to bottom, about 166 rows per frame (every visible")
                .append(" row shows a new execution each frame), first right after the launch while the JIT still")
                .append(" compiles, then again; then 600 wheel notches of 3 rows from the top; then 19 searches typed over")
                .append(" all rows (narrowing ones, ones that keep a fifth or a tenth of the rows, ones that match none).")
                .append(" A build before the three passes (and before the table's window) drags once.")
                .append(" \"Gap\" is the time between one pulse's start and the next: work the FX thread does between")
                .append(" pulses (a list handed over by a background filter, a wheel event) shows there.\n\n")
                .append("| Build | Work | Pulses | Median | p99 | Max | Longest gap |\n|---|---|---|---|---|---|---|\n");
        PHASES.forEach((marker, what) -> frames.forEach((build, f) -> {
            double[][] phase = f.phases().get(marker);
            if (phase != null) {
                section.append(pulseRow(build.name(), what, phase[0], phase[1]));
            }
        }));
        section.append("\nGoal: p99 at most 16 ms. ").append(READING).append("\n\nCommand:\n\n```\n").append(COMMAND)
                .append("\n```\n");
        System.out.println(section);
        writeSection(repo, section.toString());
        assertThat(frames.get(after).phases()).hasSize(PHASES.size());
    }

    private static List<String> launch(Build build, Path dataDir, double[][] into, int index, int expectedRows,
                                       boolean scroll, String what) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        List<String> options = new ArrayList<>(List.of("-Dharbormaster.desktop.timings=true",
                "-Dharbormaster.desktop.exitWhenReady=true"));
        if (scroll) {
            options.addAll(List.of("-Dharbormaster.desktop.scroll=true", "-Djavafx.pulseLogger=true",
                    "-Djavafx.pulseLogger.threshold=0", "-Dprism.verbose=true"));
        }
        List<String> command = List.of("/usr/bin/xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                build.root().resolve("harbormaster").toString(), "--data-dir", dataDir.toString());
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + what + "-" + index + "-"
                + Integer.toHexString(build.name().hashCode()) + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("HARBORMASTER_JAVA_OPTS", String.join(" ", options));
        builder.environment().putAll(build.env());
        Process app = builder.start();
        try {
            assertThat(app.waitFor(15, TimeUnit.MINUTES)).as("the app ended; see " + log).isTrue();
        } finally {
            if (app.isAlive()) {
                app.descendants().forEach(ProcessHandle::destroy);
                app.destroy();
            }
        }
        List<String> lines = Files.readAllLines(log);
        Matcher timing = lines.stream().map(TIMING::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new AssertionError("no timing line in " + log));
        assertThat(Integer.parseInt(timing.group(4))).isEqualTo(expectedRows);
        into[0][index] = Double.parseDouble(timing.group(1));
        into[1][index] = Double.parseDouble(timing.group(2));
        into[2][index] = Double.parseDouble(timing.group(3));
        return lines;
    }

    private static Frames frames(List<String> lines) {
        Map<String, double[][]> phases = new LinkedHashMap<>();
        for (String marker : PHASES.keySet()) {
            int start = lines.indexOf(marker);
            if (start >= 0) {
                phases.put(marker, pulses(lines, start));
            }
        }
        return new Frames(phases);
    }

    /**
     * Pulse durations from line {@code start} (a marker) to the next marker, and the gaps from each pulse's
     * start to the next one's (the first pulse's gap left out).
     */
    private static double[][] pulses(List<String> lines, int start) {
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("harbormaster-desktop-")) {
            end++;
        }
        assertThat(end).as("a marker after " + lines.get(start)).isLessThan(lines.size());
        List<Matcher> found = lines.subList(start, end).stream().map(PULSE::matcher).filter(Matcher::find).toList();
        double[] durations = found.stream().mapToDouble(m -> Double.parseDouble(m.group(2))).toArray();
        double[] gaps = found.stream().skip(1).mapToDouble(m -> Double.parseDouble(m.group(1))).toArray();
        return new double[][] {durations, gaps};
    }

    private static void deleteArchives(Path repo) throws IOException {
        for (Path archive : archives(repo)) {
            Files.delete(archive);
        }
    }

    private static List<Path> archives(Path repo) throws IOException {
        Path dir = repo.resolve("app/target/cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    private static String commitOf(Path checkout) {
        try {
            Path recorded = checkout.resolve("BASE_COMMIT");
            if (Files.isRegularFile(recorded)) {
                return Files.readString(recorded).strip().substring(0, 7);
            }
            Process git = new ProcessBuilder("git", "-C", checkout.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 ? out : checkout.getFileName().toString();
        } catch (IOException | InterruptedException unknown) {
            return checkout.getFileName().toString();
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException unreadable) {
            return "unknown";
        }
    }

    /** Finished executions of a few jobs in every final state, so filters and searches have work to do. */
    private static void fill(DataDirectory dataDir) {
        JobSpecParser parser = new JobSpecParser(LocalPathAllowList.none(), Set.of("docker"));
        String[] names = {"nightly-report", "resize-images", "train-model", "ingest-logs", "backup"};
        JobSpec[] specs = Arrays.stream(names).map(name -> parser.parse("""
                Name: %s
                Type: batch
                Tasks:
                  - Name: main
                    Engine:
                      Type: docker
                      Params:
                        Image: busybox:1.36
                        Parameters: [sh, -c, "echo %s"]
                """.formatted(name, name)).spec()).toArray(JobSpec[]::new);
        Instant start = Instant.now().minusSeconds(EXECUTIONS);
        try (MapDbExecutionStore store = MapDbExecutionStore.open(dataDir.storeDir())) {
            List<Execution> batch = new ArrayList<>();
            for (int n = 0; n < EXECUTIONS; n++) {
                Instant at = start.plusSeconds(n);
                Execution accepted = Execution.accepted(String.format(Locale.ROOT, "e-%06d", n), "j-" + n,
                        specs[n % specs.length], at).transitioned(ExecutionState.STARTING, "starting", at, 0)
                        .transitioned(ExecutionState.RUNNING, "running", at, 0);
                batch.add(switch (n % 10) {
                    case 0 -> accepted.transitioned(ExecutionState.FAILED, "exit 1", at.plusMillis(900), 0).withExitCode(1);
                    case 1 -> accepted.transitioned(ExecutionState.CANCELLED, "cancelled", at.plusMillis(400), 0);
                    default -> accepted.transitioned(ExecutionState.COMPLETED, "exit 0", at.plusMillis(n % 5000), 0)
                            .withExitCode(0);
                });
                if (batch.size() == 1_000) {
                    store.createAll(batch);
                    batch.clear();
                }
            }
        }
    }

    /**
     * Replaces this benchmark's section of docs/benchmarks.md (or appends it), leaving the others alone.
     * (Core's test helper does the same, but its test jar would bring stand-in executors onto this classpath.)
     */
    private static void writeSection(Path repo, String section) throws IOException {
        Path file = repo.resolve("docs").resolve("benchmarks.md");
        String existing = Files.readString(file);
        int start = existing.indexOf(HEADING + "\n");
        String updated;
        if (start < 0) {
            updated = existing.stripTrailing() + "\n\n" + section;
        } else {
            int next = existing.indexOf("\n## ", start + HEADING.length());
            updated = existing.substring(0, start) + section + (next < 0 ? "" : "\n" + existing.substring(next + 1));
        }
        Files.writeString(file, updated);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("").toAbsolutePath() : dir;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String launchRow(String build, String store, double[][] figures) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", build, store, spread(figures[0]),
                spread(figures[1]), spread(figures[2]));
    }

    private static String spread(double[] millis) {
        return String.format(Locale.ROOT, "%.0f ms (%.0f–%.0f)", median(millis), Arrays.stream(millis).min().orElse(0),
                Arrays.stream(millis).max().orElse(0));
    }

    private static String pulseRow(String build, String work, double[] millis, double[] gaps) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double p99 = sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
        return String.format(Locale.ROOT, "| %s | %s | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n", build, work,
                sorted.length, median(sorted), p99, sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1],
                Arrays.stream(gaps).max().orElse(Double.NaN));
    }
}
