package io.harbormaster.app.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.app.desktop.TestNodes;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeOptions;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The node's start before the window's: the options first, then a real node on them. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EarlyNodeStartTest {

    @TempDir
    Path dataDir;

    @Test
    void theOptionsAreMadeAndThenTheNodeStartsOnThem() {
        NodeOptions made = TestNodes.options(dataDir);

        EarlyNodeStart start = EarlyNodeStart.begin(() -> made, ComputeNode::start);

        assertThat(start.options().join()).isSameAs(made);
        ComputeNode node = start.node().join();
        try {
            assertThat(node.store().listBefore(null, 1)).isEmpty();
        } finally {
            node.shutdown(true);
        }
    }

    @Test
    void optionsThatCannotBeMadeFailBothTheOptionsAndTheNode() {
        EarlyNodeStart start = EarlyNodeStart.begin(() -> {
            throw new IllegalStateException("no data dir");
        }, ComputeNode::start);

        assertThatThrownBy(() -> start.options().join()).isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("no data dir");
        assertThatThrownBy(() -> start.node().join()).isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("no data dir");
    }
}
