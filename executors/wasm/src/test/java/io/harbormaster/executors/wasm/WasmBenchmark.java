package io.harbormaster.executors.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.executor.ExitResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Times the CPU-bound fixture ({@code cpu-loop.wasm}, entry {@code bench}: 50 million xorshift rounds)
 * start to exit on each machine. Run with {@code -Pbenchmark}; never part of a normal build.
 */
@Tag("benchmark")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class WasmBenchmark {

    private static final int WARMUP = 2;
    private static final int MEASURED = 7;

    @TempDir
    Path dir;

    @Test
    void compiledAgainstInterpretedOnACpuBoundModule() throws Exception {
        List<String> rows = new ArrayList<>();
        for (MachineChoice machine : new MachineChoice[] {MachineChoice.COMPILER, MachineChoice.INTERPRETER}) {
            rows.add(measure(machine));
        }
        System.out.println("| machine | first run incl. compile (ms) | median of " + MEASURED + " (ms) | min (ms) | max (ms) |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private String measure(MachineChoice machine) throws Exception {
        try (WasmExecutor executor = new WasmExecutor(new WasmSettings(machine, WasmSettings.DEFAULT_MAX_MEMORY_MB))) {
            WasmJob job = WasmJob.of(dir.resolve(machine.name()), "cpu-loop").entryPoint("bench");
            long first = 0;
            List<Long> times = new ArrayList<>();
            for (int run = 0; run < WARMUP + MEASURED; run++) {
                String id = machine.name().toLowerCase() + "-" + run;
                long begun = System.nanoTime();
                executor.start(job.request(id));
                ExitResult exit = executor.await(WasmJob.refOf(dir.resolve(machine.name()), id)).toCompletableFuture()
                        .get(10, TimeUnit.MINUTES);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
                assertThat(exit.exitCode()).isZero();
                if (run == 0) {
                    first = millis;
                }
                if (run >= WARMUP) {
                    times.add(millis);
                }
            }
            times.sort(null);
            return "| " + machine.name().toLowerCase() + " | " + first + " | " + times.get(times.size() / 2) + " | "
                    + times.get(0) + " | " + times.get(times.size() - 1) + " |";
        }
    }
}
