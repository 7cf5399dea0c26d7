package io.harbormaster.executors.plugin;

import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.plugin.PluginException;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.core.plugin.PluginFiles;
import io.harbormaster.core.plugin.PluginLaunchSpec;
import io.harbormaster.core.plugin.PluginLauncher;
import io.harbormaster.core.plugin.PluginProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Many plugins a benchmark launched with the same JVM options, under one root. {@link #close()} stops every
 * one of them (pid and start time proving it ours) and then every process they had started that is still
 * alive, so a failed run leaves nothing behind.
 */
final class PluginFleet implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One launched plugin: how to find it, and its name (its socket and logs are named after it). */
    record Member(String type, String name, ReattachConfig config) {
    }

    private final Path root;
    private final List<String> jvmOptions;
    private final List<Member> members = Collections.synchronizedList(new ArrayList<>());

    PluginFleet(Path root, List<String> jvmOptions) {
        this.root = root;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    Path runtimeDir() {
        return root.resolve("run");
    }

    Path dataDir() {
        return root.resolve("data");
    }

    List<Member> members() {
        return List.copyOf(members);
    }

    Member launch(String type, String name) {
        PluginLaunchSpec.Builder spec = PluginLaunchSpec.builder(type, runtimeDir(), "node-bench", dataDir()).name(name);
        jvmOptions.forEach(spec::jvmOption);
        Member member = new Member(type, name, new PluginLauncher(spec.build()).launch());
        members.add(member);
        return member;
    }

    /** Launches {@code count} plugins, {@code parallel} at a time, named by {@code names}. */
    List<Member> launchMany(String type, int count, int parallel, IntFunction<String> names)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Member>> launches = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = names.apply(i);
                launches.add(pool.submit(() -> launch(type, name)));
            }
            List<Member> launched = new ArrayList<>();
            for (Future<Member> launch : launches) {
                launched.add(launch.get());
            }
            return launched;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What the plugin logged, stdout-free as it is: its log file and its stderr file. */
    String logs(Member member) throws IOException {
        PluginFiles files = new PluginFiles(runtimeDir(), member.name());
        StringBuilder text = new StringBuilder();
        for (Path log : List.of(files.log(), files.stderrLog())) {
            if (Files.exists(log)) {
                text.append(Files.readString(log));
            }
        }
        return text.toString();
    }

    /** Resident set size of a process in KiB, from {@code VmRSS} in /proc/pid/status. */
    static long rssKib(long pid) throws IOException {
        return kib(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
    }

    /**
     * Proportional set size of a process in KiB, from {@code Pss} in /proc/pid/smaps_rollup: each resident page
     * counted as its share among the processes mapping it, so pages plugins share count once over all of them.
     */
    static long pssKib(long pid) throws IOException {
        return kib(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
    }

    private static long kib(Path file, String field) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " in " + file);
    }

    @Override
    public void close() {
        List<ProcessHandle> children = new ArrayList<>();
        for (Member member : members()) {
            ProcessHandle.of(member.config().pid()).ifPresent(p -> p.descendants().forEach(children::add));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Member member : members()) {
                pool.submit(() -> stop(member));
            }
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // a handle from descendants() carries the start time: destroy never reaches a reused pid
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void stop(Member member) {
        ReattachConfig config = member.config();
        if (PluginProcess.reattach(config, Duration.ofSeconds(2)).responding()) {
            try (PluginExecutor executor = PluginExecutor.connect(member.type(), config, TIMEOUT)) {
                executor.shutdown(true, Duration.ofMillis(200));
                ProcessHandle.of(config.pid()).ifPresent(p -> p.onExit().completeOnTimeout(p, 5,
                        TimeUnit.SECONDS).join());
            } catch (PluginException e) {
                // it stopped answering: the signal below still ends it
            }
        }
        PluginProcess.stopIfOurs(config, Duration.ofSeconds(2));
    }
}
