package io.harbormaster.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.time.ZoneOffset;
import java.util.Locale;

/** The store benchmark's table, and its section of docs/benchmarks.md (other sections are kept). */
final class BenchmarkReport {

    static final String HEADING = "## Execution store";

    private BenchmarkReport() {
    }

    /** Every repetition's figure; the table shows the median and the range. */
    record Figures(double[] fsyncs, double[] single, double[] concurrent, double[] windowed,
                   double[] mapDbEveryBatch, int threads,
                   Duration window, double[] openMillis, double[] openAndLiveMillis, int executions, int live,
                   long bytes) {
    }

    static String table(Figures f, String machine, int repetitions) {
        StringBuilder out = new StringBuilder();
        out.append(HEADING).append("\n\n");
        out.append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" on ").append(machine).append(".\n");
        out.append("Medians of ").append(repetitions).append(" repetitions (range in brackets); everything on the same")
                .append(" disk; the load averages above say how busy the machine was.\n\n");
        out.append("| Measure | Median (min–max) |\n|---|---|\n");
        row(out, "Raw fsync loop (small write + `FileChannel.force(false)`)", rate(f.fsyncs(), "fsyncs/s"));
        row(out, "Durable transitions, 1 thread", rate(f.single(), "transitions/s"));
        row(out, "Durable transitions, " + f.threads() + " threads (group commit)", rate(f.concurrent(), "transitions/s"));
        row(out, "Durable transitions, " + f.threads() + " threads, " + f.window().toMillis()
                + " ms group-commit window", rate(f.windowed(), "transitions/s"));
        row(out, "Durable transitions, " + f.threads() + " threads, MapDB committed after every batch too (as before"
                + " the journal, plus its fsync)", rate(f.mapDbEveryBatch(), "transitions/s"));
        row(out, "Ratio transitions/s ÷ fsyncs/s, 1 thread", ratio(median(f.single()) / median(f.fsyncs())));
        row(out, "Ratio transitions/s ÷ fsyncs/s, " + f.threads() + " threads",
                ratio(median(f.concurrent()) / median(f.fsyncs())));
        row(out, "Ratio transitions/s ÷ fsyncs/s, " + f.threads() + " threads, " + f.window().toMillis() + " ms window",
                ratio(median(f.windowed()) / median(f.fsyncs())));
        row(out, "Ratio transitions/s ÷ fsyncs/s, " + f.threads() + " threads, MapDB committed after every batch",
                ratio(median(f.mapDbEveryBatch()) / median(f.fsyncs())));
        row(out, "Open a store of " + fmt(f.executions()) + " executions (" + (f.bytes() >> 20) + " MiB)",
                millis(f.openMillis()));
        row(out, "Open + `inStates(STARTING, RUNNING)` (" + fmt(f.live()) + " live)", millis(f.openAndLiveMillis()));
        out.append("\nA transition is one `transition(...)` call that returns only once its batch is on disk. ")
                .append("A batch is durable once it is appended to the store's journal and forced with one ")
                .append("`force(false)`, the same call as the raw loop's; MapDB is committed behind the journal once a ")
                .append("second. A MapDB commit writes, fsyncs and deletes a write-ahead-log file, then copies it into ")
                .append("the main file and fsyncs that too, so it costs several raw fsyncs: the row with MapDB committed ")
                .append("after every batch shows what that cost the store before the journal. Group commit shares one ")
                .append("journal append among all the writes that queued while the previous one was forced. ")
                .append("The open figures are with a warm page cache (the store was just written and closed).\n\n");
        out.append("Command:\n\n```\n").append(StoreBenchmark.COMMAND).append("\n```\n");
        return out.toString();
    }

    /** Replaces this section of the file, or appends it; the rest of the file stays as it was. */
    static void writeSection(Path file, String section) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        int start = existing.indexOf(HEADING);
        String updated;
        if (start < 0) {
            updated = existing.stripTrailing() + "\n\n" + section;
        } else {
            int next = existing.indexOf("\n## ", start + HEADING.length());
            updated = existing.substring(0, start) + section
                    + (next < 0 ? "" : "\n" + existing.substring(next + 1));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder out, String measure, String result) {
        out.append("| ").append(measure).append(" | ").append(result).append(" |\n");
    }

    private static String rate(double[] values, String unit) {
        return fmt(median(values)) + " " + unit + " (" + fmt(min(values)) + "–" + fmt(max(values)) + ")";
    }

    private static String millis(double[] values) {
        return String.format(Locale.ROOT, "%.1f ms (%.1f–%.1f)", median(values), min(values), max(values));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
