package io.harbormaster.executors.plugin;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@value ReattachBenchmark#HEADING} section of docs/benchmarks.md, from one run's figures. */
final class ReattachReport {

    /**
     * Everything one run of {@link ReattachBenchmark} measured.
     *
     * @param reattachMillis per round: all plugins on one connection each, then the way before
     * @param firstMillis    the first round after the plugins started (each one's first reattach): wall time, the
     *                       plugins' CPU, the node's CPU
     * @param cpuMillis      per round: CPU of all plugins and of the node one connection each, then the same before
     * @param oneMillis      per plugin: one connection, the way before, and the pid and start time check alone
     * @param recoverMillis  per round: the shared plugin checked and asked on one connection, a recover call apart,
     *                       and the same executor class in the benchmark's JVM
     */
    record Figures(List<ReattachBenchmark.Sample> samples, PluginMemory.Rss dedicated, List<String> chosenFlags,
                   double[][] reattachMillis, double[] firstMillis, double[][] cpuMillis, double[][] oneMillis, double[][] recoverMillis, int plugins,
                   int sharedExecutions, String loadBefore, String loadAfter) {
    }

    /** What the measurements behind these figures found, tried and left; the same after every run. */
    static final String FINDINGS = """
            What was found and changed, and what bounds the goals:

            - Every `PluginCodec` built its own Jackson mapper, so every plugin session and every node-side client \
            learned each message type's (de)serializers by reflection again, on every call: the largest single cost \
            found. One mapper now serves the whole JVM.
            - A reattach is one connection and, with app protocol 2, one round trip: the hello carries the recover \
            and its answer carries the plugin's info and observations. A plugin started before an upgrade \
            (protocol 1) is still spoken to in its own protocol (hello, then recover on the same connection). A \
            recover names the executions dir once instead of sending four paths per execution, and no longer \
            sends each ref's reattach config. The recovery prober asks each plugin this way, so a node restart \
            costs each plugin one connection.
            - The test `LocalProcessExecutor` answers for the processes it started itself from memory \
            (`Process.isAlive`, no file or /proc read); a plugin outlives the node, so after a restart it still \
            holds its children.
            - The reattach's two lines, the hello with its recover and the plugin's answer, are written and read \
            by hand (`HelloLines`, `HelloLineReader`): the same JSON, in one pass, with no reflection, no tree \
            and no JDK date formatter; any other shape goes to Jackson, which stays the reference. Exit records \
            are read the same way and a line is found in the socket's buffer by a scan instead of a byte at a \
            time. Per plugin and reattach this roughly halves the protocol thread's CPU (per-thread \
            `/proc/PID/task/TID/schedstat` before and after a round: the JIT's compiler threads take most of \
            what is left). A plugin's first reattach, the one a node restart asks for, no longer builds \
            Jackson's (de)serializers for these messages, and it runs no stream, lambda or long string \
            concatenation, whose first use spins classes: it loads about 25 classes instead of about 120 \
            (`-Xlog:class+load` on a plugin) and costs it about a tenth of the CPU it did.
            - Tried and dropped: warming the protocol path in each plugin after its handshake (300 hellos and \
            recovers against its own socket). In a run of this benchmark against the code of commit 11d431a it added about 20 MiB to an \
            idle plugin (JIT code and profiles: 79.9 MiB running nothing against 57.8 MiB in the next run without \
            it), and with 4 plugins launching at once on the loaded 2 cores one missed its 20 s handshake.
            - Memory, cut in these steps, each measured side by side with the build before it \
            (`-Dbenchmark.plugins=20`; a dedicated plugin running a wasm service unless said otherwise):
              - Plugins trim the native heap every 2 s (`-XX:TrimNativeHeapInterval`, on JVMs that have it).
              - A wasm module is compiled once, by the node while the plugin starts, into the data dir's \
            `wasm-classes/`; the plugin loads the generated classes and never loads Chicory's compiler or ASM \
            (`PrecompiledWasmPluginTest` checks the JVM's class-load log).
              - Logging is configured in code (no logback XML configurator, no JDK XML parser), and WASI logs \
            through SLF4J instead of starting java.util.logging. These three together: 74.1 to 67.0 MiB, under \
            other builds' load.
              - A dedicated plugin runs C1 only (`-XX:TieredStopAtLevel=1`) with a 2 MiB young generation \
            (`-Xmn2m`): 66.6 to 60.4 MiB. C1 only costs a CPU-bound module about twice its time \
            (`DedicatedJitBenchmark`), so `dedicatedPluginJit: tiered` gives an engine's dedicated plugins C2 back; \
            shared plugins keep both compilers.
              - The codec registers (de)serializers only for Instant and Duration, the two java.time types on the \
            wire, instead of Jackson's whole JavaTimeModule (about 75 classes): 59.9 MiB.
              - Every line of a dedicated plugin's life is read and written by hand: the hello and its recover \
            (`HelloLineReader`, `HelloLines`), the start with the job's spec, the await with its heartbeats and \
            exit, stop, shutdown and ping (`CallLineReader`, `CallLines`), and the exit record it writes. The \
            codec's mapper is built only when a line in another shape needs it, so such a plugin never loads \
            Jackson's databind: about 650 classes, and the date, calendar and CLDR locale tables its mapper's class \
            builds when it loads (`PluginLinesByHandTest` checks the class-load log). Plugins also log through a \
            small SLF4J backend of their own (`PluginLogProvider`, named in `-Dslf4j.provider`) instead of logback \
            (237 classes). Together, two runs each alternated with the build before on a quiet machine, and equal \
            within 0.1 MiB: 48.9 MiB running the service (59.9 before), 43.7 after a hello (52.2), 43.0 fresh \
            (44.6); with a shared plugin's options 52.6, 46.6 and 44.6 MiB (66.2, 57.4 and 48.4). Logback alone \
            was 1.6 MiB of that.
              - Measured and not taken: `-XX:CICompilerCount=1` (0.3 MiB); `-XX:MinHeapFreeRatio=5 \
            -XX:MaxHeapFreeRatio=10` with `-Xms4m`, even with a full GC forced once idle (nothing measurable: the \
            old generation held 6.7 MiB live of its 7 MiB); mapping the JDK's class-data archive at its own base \
            address (`-XX:ArchiveRelocationMode=0`: this JDK 17 maps it elsewhere and relocates it, which dirties \
            its 10 MiB in every JVM, but RSS counts the pages either way, and a small program's RSS was the same).
            - Reattach: the first round is measured apart because it is what a node restart asks of each plugin: \
            its first reattach since it started, after it served only start, stop and await. Before the \
            hand-written lines it was the slow one (3.9 s for 30 plugins in a side-by-side run under other \
            builds' load, against 0.14 s after). `FirstReattachBenchmark` shows what is left of it, by thread \
            (`/proc/PID/task/TID/schedstat` over each of a plugin's first three reattaches, 4 plugins, two runs \
            alternated with the build before): the first cost a plugin 5.5 to 8.3 ms of CPU against about 2 ms for \
            the next ones, half of it in the C1 compiler threads (compilations set off by the four classes it \
            loaded then) and a third more on the session thread. A plugin now runs a reattach once at start, in \
            memory (`HelloLines.prime`: a hello with a recover and a welcome with each kind of observation, both \
            written and read back by hand): its first reattach then loads no class and cost 2.5 to 5.2 ms. What \
            varies is mostly a young collection that falls in it or not. The node runs the same before its first \
            probe of a plugin, and this benchmark before its first round, as the node does. In this benchmark's first round that took the \
            100 plugins from about 400 ms to the figure in the table. The CPU rows bound a round: it cannot take \
            less than the plugins' and the node's CPU together, halved; they add whole 100 Hz ticks per process, \
            so with 100 plugins spending about 2 ms each they are rough. The shared plugin's rows and the \
            in-process row vary between rounds with the load (see their minimum and maximum).
            """;

    private ReattachReport() {
    }

    static String section(Figures f) {
        double[] reattach = f.reattachMillis()[0];
        double[] reattachBefore = f.reattachMillis()[1];
        double[] ratios = new double[reattach.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = reattachBefore[i] / reattach[i];
        }
        StringBuilder text = new StringBuilder(ReattachBenchmark.HEADING).append("\n\n")
                .append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (")
                .append(System.getProperty("os.arch")).append(", Linux), OpenJDK ").append(Runtime.version().feature())
                .append(", load average ").append(f.loadBefore()).append(" at the start, ").append(f.loadAfter())
                .append(" at the end. Every plugin is a real `PluginMain` JVM started by `PluginLauncher`.\n\n")
                .append("| Measure | Median | Min–max | Goal |\n")
                .append("|---|---|---|---|\n")
                .append(row("Reattach to " + f.plugins() + " dedicated plugins in parallel (32 threads), one connection each, "
                        + reattach.length + " rounds", reattach, "≤ 200 ms"))
                .append(row("The same rounds, asked as before: ping, then `recover` on a second connection", reattachBefore, ""))
                .append(String.format(Locale.ROOT, "| Ratio before ÷ now, per round | %.2f | %s | |%n",
                        ReattachBenchmark.median(ratios), range(ratios)))
                .append(row("The first of all rounds, one connection each: every plugin's first hello with a `recover`",
                        new double[] {f.firstMillis()[0]}, ""))
                .append(row("… CPU time of the " + f.plugins() + " plugins together in it",
                        new double[] {f.firstMillis()[1]}, ""))
                .append(row("… and of the node's side", new double[] {f.firstMillis()[2]}, ""))
                .append(row("CPU time of the " + f.plugins() + " plugins together in a round, one connection each",
                        f.cpuMillis()[0], ""))
                .append(row("… and of the node's side (the benchmark's JVM) in that round", f.cpuMillis()[1], ""))
                .append(row("CPU time of the plugins in a round asked as before", f.cpuMillis()[2], ""))
                .append(row("… and of the node's side", f.cpuMillis()[3], ""))
                .append(row("One plugin at a time (median of the " + f.plugins() + "): pid and start time check",
                        f.oneMillis()[2], ""))
                .append(row("… then hello and `recover` on one connection", f.oneMillis()[0], ""))
                .append(row("… or, as before, ping, then `recover` on a second connection", f.oneMillis()[1], ""))
                .append(row(String.format(Locale.ROOT, "%,d executions in one shared plugin: check and `recover` on one "
                        + "connection, %d rounds", f.sharedExecutions(), f.recoverMillis()[0].length), f.recoverMillis()[0],
                        "≤ 50 ms"))
                .append(row("… the same as a `recover` call apart", f.recoverMillis()[1], ""))
                .append(row("… `LocalProcessExecutor.recover` in the benchmark's JVM (exit record, pid file, /proc)",
                        f.recoverMillis()[2], ""))
                .append(String.format(Locale.ROOT, "| RSS of an idle dedicated plugin running a wasm service (median of %d) | %.1f MiB | max %.1f MiB | ≤ 60 MB (57.2 MiB) |%n",
                        f.dedicated().plugins(), f.dedicated().tickerMedianMib(), f.dedicated().tickerMaxMib()))
                .append(String.format(Locale.ROOT, "| RSS of an idle dedicated plugin running nothing, after a hello (median of %d) | %.1f MiB | max %.1f MiB | |%n",
                        f.dedicated().plugins(), f.dedicated().emptyMedianMib(), f.dedicated().emptyMaxMib()))
                .append("\nBefore the changes these figures come with (this benchmark's first version, same machine, ")
                .append("load average 1.36 to 26.99): 2664.7 ms for the 100 plugins, 41.1 ms one at a time, 211.5 ms ")
                .append("for the shared plugin's 1,000 executions, 80.5 MiB with a wasm service and 57.7 MiB without.\n\n")
                .append("Reattach, per plugin, as a node does after a restart: check pid and process start time, then ")
                .append("`PluginProcess.reattach` with the execution's ref: hello with the persisted token (its answer is ")
                .append("the plugin's info, so no ping) and `recover` on the same connection. The row after it asks the ")
                .append("way nodes did before, in the same rounds and against the same plugins. Each plugin had run a wasm ")
                .append("ticker service, stopped before these rounds because 100 services ticking at 10 Hz keep 2 cores ")
                .append("saturated: each recover answers exited, from the exit record. Each figure is the wall time for all ")
                .append(f.plugins()).append(" from a pool of 32 threads, after one warm-up round of each way. ")
                .append("CPU time is utime plus stime from /proc/PID/stat before and after each round (100 Hz ticks): ")
                .append("whatever else the machine runs, a round on 2 cores cannot take less than the plugins' and ")
                .append("the node's CPU together, halved. ")
                .append("The shared plugin hosts the test `LocalProcessExecutor` (type `docker`) with ")
                .append(String.format(Locale.ROOT, "%,d", f.sharedExecutions()))
                .append(" live `sleep 600` processes it started itself; the figure is what the recovery prober now does ")
                .append("with it, one `PluginProcess.reattach` with all the refs (each answer: running). The plugin ")
                .append("answers for its own children from memory (`Process.isAlive`); the in-process row is a fresh ")
                .append("executor that must read each execution's exit record and pid file and the process's start time ")
                .append("from /proc.\n\n")
                .append("Memory: `VmRSS` from /proc/pid/status after the plugin sat idle 5 s, once with nothing ")
                .append("running after it answered a hello (as a node always asks one; before any call a plugin holds less, ")
                .append("which understates an idle plugin) and once 5 s after a wasm ticker service started in each. ")
                .append("Pss from /proc/pid/smaps_rollup counts pages the plugins share as a part per sharer. The ticker is compiled first by the ")
                .append("wasm executor in the benchmark's JVM into the plugins' data dir, as the node does before it launches ")
                .append("a plugin; the benchmark checks each plugin's log says it loaded those classes.\n\n")
                .append("| JVM options | plugins | RSS before any call, median | RSS running nothing after a hello, median (max) | Pss | RSS running a wasm service, median (max) | Pss |\n")
                .append("|---|---|---|---|---|---|---|\n")
                .append(samplesRows(f))
                .append("\nThe first row is a sample of ").append(f.samples().get(0).rss().plugins())
                .append(" plugins with the options plugins had before, the second as many with the options of a shared ")
                .append("plugin now (`ExecutorHosting.PLUGIN_JVM_OPTIONS`, both JIT compilers); the last row is the 100 ")
                .append("dedicated plugins, launched with the options the node gives a dedicated plugin by default: ")
                .append(flags(f.chosenFlags())).append(".\n\n")
                .append(FINDINGS)
                .append("\nCommand:\n\n```\n./mvnw -B -Pbenchmark -pl executors/plugin -am test -Dtest=ReattachBenchmark ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false\n```\n");
        return text.toString();
    }

    private static String row(String measure, double[] millis, String goal) {
        return String.format(Locale.ROOT, "| %s | %.1f ms | %s ms | %s |%n", measure, ReattachBenchmark.median(millis),
                range(millis), goal);
    }

    private static String samplesRows(Figures f) {
        StringBuilder rows = new StringBuilder();
        for (ReattachBenchmark.Sample sample : f.samples()) {
            rows.append(rssRow(sample.flags(), sample.rss()));
        }
        return rows.append(rssRow(f.chosenFlags(), f.dedicated())).toString();
    }

    private static String rssRow(List<String> flags, PluginMemory.Rss rss) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f MiB | %.1f MiB (%.1f) | %.1f MiB | %.1f MiB (%.1f) | %.1f MiB |%n",
                flags(flags), rss.plugins(), rss.freshMedianMib(), rss.emptyMedianMib(), rss.emptyMaxMib(),
                rss.emptyPssMedianMib(), rss.tickerMedianMib(), rss.tickerMaxMib(), rss.tickerPssMedianMib());
    }

    private static String flags(List<String> flags) {
        return flags.stream().map(flag -> "`" + flag + "`").collect(Collectors.joining(" "));
    }

    private static String range(double[] values) {
        return String.format(Locale.ROOT, "%.1f–%.1f", Arrays.stream(values).min().orElse(Double.NaN),
                Arrays.stream(values).max().orElse(Double.NaN));
    }
}
