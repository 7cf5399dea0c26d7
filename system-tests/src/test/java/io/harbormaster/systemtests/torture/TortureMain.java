package io.harbormaster.systemtests.torture;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The torture run as a command, for runs longer than a test should hold: prints the seed, the report, and
 * exits 1 on any violation. Arguments: {@code [KILLS [SEED]]}. Needs the test engine's environment
 * (HARBORMASTER_TEST_DOCKER_HOST) and the test classpath. Through Maven the same run is
 * {@code ./mvnw -B -pl system-tests -am verify -Dtest=TortureTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtorture.kills=200 [-Dtorture.seed=S]}.
 */
public final class TortureMain {

    private TortureMain() {
    }

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        System.out.println("[torture] seed " + seed + ", kills " + kills);
        Path dir = Files.createTempDirectory("harbormaster-torture");
        TortureReport report;
        try (TortureRun run = new TortureRun(seed, kills, dir)) {
            report = run.run();
        }
        System.out.println(report.summary());
        System.exit(report.violations().isEmpty() ? 0 : 1);
    }
}
