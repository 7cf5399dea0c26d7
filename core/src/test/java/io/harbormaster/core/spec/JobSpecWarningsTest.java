package io.harbormaster.core.spec;

import static io.harbormaster.core.spec.SpecSamples.parser;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobSpecWarningsTest {

    @Test
    void bacalhauKeysThisNodeDoesNotUseAreAcceptedWithAWarningEach() {
        String text = """
                ID: j-4f2a
                Name: full
                Type: batch
                Priority: 50
                Constraints:
                  - {Key: region, Operator: "=", Values: [eu]}
                State: {StateType: Running}
                Version: 3
                Revision: 7
                CreateTime: 1700000000000
                ModifyTime: 1700000000001
                Tasks:
                  - Name: t
                    Engine: {Type: docker, Params: {Image: alpine}}
                    Publisher: {Type: s3, Params: {Bucket: results}}
                    ResultPaths: [{Name: out, Path: /outputs}]
                    Network: {Type: Full}
                    Meta: {k: v}
                    Timeouts: {ExecutionTimeout: 10, QueueTimeout: 60, TotalTimeout: 120}
                    Resources: {CPU: 1, Disk: 10Gb, GPU: "1"}
                """;

        ParsedJob parsed = parser().parse(text);

        assertThat(parsed.warnings()).containsExactly(
                "ID: ignored, the node gives each job its own id",
                "Priority: ignored, this node runs jobs in the order they arrive",
                "Constraints: ignored, a job submitted to this node runs on this node",
                "State: ignored, the node keeps its own record of job state",
                "Version: ignored, the node keeps its own record of job versions",
                "Revision: ignored, the node keeps its own record of job versions",
                "CreateTime: ignored, the node records when it received the job",
                "ModifyTime: ignored, the node records when it received the job",
                "Tasks[0].Publisher: ignored, this node does not publish results yet",
                "Tasks[0].ResultPaths: ignored, this node does not publish results yet",
                "Tasks[0].Network: ignored, tasks on this node always run with network none",
                "Tasks[0].Meta: ignored, task metadata is not used by this node yet",
                "Tasks[0].Timeouts.QueueTimeout: ignored, jobs here start at once, so only ExecutionTimeout applies",
                "Tasks[0].Timeouts.TotalTimeout: ignored, only ExecutionTimeout is enforced by this node",
                "Tasks[0].Resources.Disk: ignored, disk limits are not enforced yet",
                "Tasks[0].Resources.GPU: ignored, this node does not hand GPUs to tasks yet");
        assertThat(parsed.spec().task().resources().cpuMillis()).isEqualTo(1000);
    }

    @Test
    void ignoredKeysAreMatchedWhateverTheirCaseAndNamedCanonically() {
        String text = """
                {"job": {"name": "j", "type": "batch", "priority": 1,
                 "tasks": [{"name": "t", "engine": {"type": "docker", "params": {"image": "a"}},
                            "publisher": {"type": "local"}}]},
                 "IdempotencyToken": "abc"}
                """;

        assertThat(parser().parse(text).warnings()).containsExactly(
                "IdempotencyToken: ignored, this node does not deduplicate submissions yet",
                "Priority: ignored, this node runs jobs in the order they arrive",
                "Tasks[0].Publisher: ignored, this node does not publish results yet");
    }

    @Test
    void misspelledIgnoredKeyIsStillAnErrorWithASuggestion() {
        String text = "Name: j\nType: batch\nPriorty: 1\nTasks:\n  - Name: t\n"
                + "    Engine: {Type: docker, Params: {Image: a}}\n";

        assertThat(SpecSamples.problemsOf(text))
                .containsExactly(new SpecProblem("Priorty", 3, "unknown key (did you mean Priority?)"));
    }
}
