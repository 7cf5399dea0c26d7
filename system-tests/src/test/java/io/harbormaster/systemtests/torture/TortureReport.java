package io.harbormaster.systemtests.torture;

import java.util.List;
import java.util.Map;

/**
 * What one run did and found. {@code violations} lists every broken invariant in words; a clean run has none.
 *
 * @param adoptedWhileDown Docker batches whose container exited while the node was down
 * @param neverCreated     Docker batches killed after STARTING was stored but before any container existed
 */
record TortureReport(long seed, int kills, int executions, Map<String, Integer> executionsByShape,
                     Map<CrashWindow, Integer> windowHits, int nodeStarts, int adoptedWhileDown, int neverCreated, int pluginProcesses,
                     int resetItemsRemoved, long wallSeconds, List<String> violations) {

    String summary() {
        StringBuilder text = new StringBuilder();
        text.append("Torture run: seed ").append(seed).append(" (replay with -Dtorture.seed=").append(seed).append(")\n");
        text.append("  kills: ").append(kills).append(", node starts: ").append(nodeStarts)
                .append(", wall time: ").append(wallSeconds).append(" s\n");
        text.append("  executions: ").append(executions).append(' ').append(executionsByShape).append('\n');
        text.append("  windows hit: ").append(windowHits).append('\n');
        text.append("  docker batches that exited while the node was down: ").append(adoptedWhileDown)
                .append(", killed before their container was created (recorded lost): ").append(neverCreated).append('\n');
        text.append("  plugin processes seen: ").append(pluginProcesses)
                .append(", items removed by the final full reset: ").append(resetItemsRemoved).append('\n');
        text.append("  violations: ").append(violations.size()).append('\n');
        violations.forEach(v -> text.append("    - ").append(v).append('\n'));
        return text.toString();
    }
}
