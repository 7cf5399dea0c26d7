package io.harbormaster.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code harbormaster reset} against a real node through its API: dry-run first, then apply that plan. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResetCommandTest {

    private static final Pattern PLAN_ID = Pattern.compile("reset --apply (r-[0-9a-f-]{36})");

    @TempDir
    Path dataDir;

    private ComputeNode node;

    @BeforeEach
    void startNode() {
        node = ComputeNode.start(NodeOptions.builder(dataDir).build());
    }

    @AfterEach
    void stopNode() {
        node.shutdown(true);
    }

    @Test
    void dryRunChangesNothingAndApplyRemovesExactlyWhatItShowed() throws Exception {
        Path ghost = Files.createDirectories(dataDir.resolve("executions").resolve("e-ghost"));

        CliRun dryRun = CliRun.of("reset", "--dry-run", "--data-dir", dataDir.toString());
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("REMOVE work-dir " + ghost, "orphan", "the store has no execution e-ghost",
                "Nothing was changed");
        assertThat(ghost).isDirectory();
        Matcher id = PLAN_ID.matcher(dryRun.out());
        assertThat(id.find()).as(dryRun.out()).isTrue();
        Path later = Files.createDirectories(dataDir.resolve("executions").resolve("e-after-the-plan"));

        CliRun apply = CliRun.of("reset", "--apply", id.group(1), "--data-dir", dataDir.toString());

        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("REMOVED work-dir " + ghost, "1 removed, 0 already gone, 0 refused, 0 failed");
        assertThat(ghost).doesNotExist();
        assertThat(later).as("not in the plan that was shown").isDirectory();
    }

    @Test
    void anUnknownPlanIdIsAUsageErrorThatSaysHowToMakeOne() {
        CliRun apply = CliRun.of("reset", "--apply", "r-00000000-0000-0000-0000-000000000000",
                "--data-dir", dataDir.toString());

        assertThat(apply.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(apply.err()).contains("reset --dry-run");
    }

    @Test
    void dryRunAndApplyCannotBeGivenTogether() {
        CliRun both = CliRun.of("reset", "--dry-run", "--apply", "r-x", "--data-dir", dataDir.toString());

        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
