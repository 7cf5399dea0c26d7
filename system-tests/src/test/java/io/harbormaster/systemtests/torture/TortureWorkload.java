package io.harbormaster.systemtests.torture;

import io.harbormaster.systemtests.SystemJobs;
import java.util.Random;

/**
 * The mixed work the node runs while it is killed: Docker and WebAssembly, batch and service, short and
 * long, some exiting non-zero. Every choice comes from the run's seeded {@link Random}, so a seed replays it.
 */
final class TortureWorkload {

    /** Services never end, so they are capped: each WebAssembly one holds a plugin JVM of its own. */
    static final int MAX_DOCKER_SERVICES = 4;
    static final int MAX_WASM_SERVICES = 2;
    private static final int[] EXIT_CODES = {0, 0, 1, 3, 42};

    private final Random random;
    private int dockerServices;
    private int wasmServices;
    private int counter;

    TortureWorkload(Random random) {
        this.random = random;
    }

    /** A job spec and what it must end as (its id is filled in once the node accepts it). */
    record Job(String spec, String engine, boolean service, String shape, Integer expectedExit) {

        Submitted accepted(String id) {
            return new Submitted(id, engine, service, shape, expectedExit);
        }
    }

    Job next() {
        int pick = random.nextInt(100);
        if (pick < 35) {
            return dockerBatch(false);
        }
        if (pick < 55) {
            return dockerBatch(true);
        }
        if (pick < 65 && dockerServices < MAX_DOCKER_SERVICES) {
            return dockerService();
        }
        if (pick < 72 && wasmServices < MAX_WASM_SERVICES) {
            return wasmService();
        }
        if (pick < 86) {
            return new Job(SystemJobs.wasm(name("wasm-hello"), "batch", "hello"), "wasm", false, "wasm batch", 0);
        }
        return new Job(SystemJobs.wasm(name("wasm-exit"), "batch", "exit-with-code"), "wasm", false, "wasm batch", 3);
    }

    Job dockerService() {
        dockerServices++;
        return new Job(SystemJobs.docker(name("docker-service"), "service", "echo up; exec sleep 100000"),
                "docker", true, "docker service", null);
    }

    /** A module that ticks forever, hosted (by default placement) in a plugin process of its own. */
    Job wasmService() {
        wasmServices++;
        return new Job(SystemJobs.wasm(name("wasm-service"), "service", "ticker"), "wasm", true, "wasm service", null);
    }

    /** A short (under 2 s) or long (3 to 9 s) Docker batch ending with a known code. */
    Job dockerBatch(boolean longRunning) {
        int code = EXIT_CODES[random.nextInt(EXIT_CODES.length)];
        String sleep = longRunning ? Integer.toString(3 + random.nextInt(7)) : "0." + (1 + random.nextInt(9));
        String shape = longRunning ? "docker long batch" : "docker short batch";
        return new Job(SystemJobs.docker(name("docker-batch"), "batch", "sleep " + sleep + "; echo done; exit " + code),
                "docker", false, shape, code);
    }

    private String name(String prefix) {
        return prefix + "-" + (++counter);
    }
}
