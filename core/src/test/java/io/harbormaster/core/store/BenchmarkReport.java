package io.harbormaster.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** The store benchmark's table, and its section of docs/benchmarks.md (other sections are kept). */
final class BenchmarkReport {

    static final String HEADING = "## Execution store";

    private BenchmarkReport() {
    }

    static String table(double fsyncs, double single, double concurrent, int threads, double openMillis,
                        double openAndLiveMillis, int executions, int live, long bytes, String machine,
                        int repetitions) {
        StringBuilder out = new StringBuilder();
        out.append(HEADING).append("\n\n");
        out.append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" on ").append(machine).append(".\n");
        out.append("Medians of ").append(repetitions).append(" repetitions; everything on the same disk.\n\n");
        out.append("| Measure | Result |\n|---|---|\n");
        row(out, "Raw fsync loop (small write + `FileChannel.force(false)`)", fmt(fsyncs) + " fsyncs/s");
        row(out, "Durable transitions, 1 thread", fmt(single) + " transitions/s");
        row(out, "Durable transitions, " + threads + " threads (group commit)", fmt(concurrent) + " transitions/s");
        row(out, "Ratio transitions/s ÷ fsyncs/s, 1 thread", ratio(single / fsyncs));
        row(out, "Ratio transitions/s ÷ fsyncs/s, " + threads + " threads", ratio(concurrent / fsyncs));
        row(out, "Open a store of " + fmt(executions) + " executions (" + (bytes >> 20) + " MiB)",
                String.format(Locale.ROOT, "%.1f ms", openMillis));
        row(out, "Open + `inStates(STARTING, RUNNING)` (" + fmt(live) + " live)",
                String.format(Locale.ROOT, "%.1f ms", openAndLiveMillis));
        out.append("\nA transition is one `transition(...)` call that returns only once its commit is on disk. ")
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

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
