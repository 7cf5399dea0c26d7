package io.harbormaster.core.testing;

/** Docker-shaped Bacalhau jobs whose command the {@link LocalProcessExecutor} runs as a local process. */
public final class TestJobs {

    private TestJobs() {
    }

    /** A job of {@code type} running {@code sh -c script}. */
    public static String shell(String name, String type, String script) {
        return """
                Name: %s
                Type: %s
                Tasks:
                  - Name: main
                    Engine:
                      Type: docker
                      Params:
                        Image: busybox:1.36
                        Entrypoint: ["sh", "-c"]
                        Parameters: ["%s"]
                """.formatted(name, type, script.replace("\\", "\\\\").replace("\"", "\\\""));
    }

    public static String batch(String script) {
        return shell("batch-job", "batch", script);
    }

    public static String service(String script) {
        return shell("service-job", "service", script);
    }

    /** A batch job that fails its timeout: it sleeps far longer than {@code timeoutSeconds}. */
    public static String batchWithTimeout(String script, int timeoutSeconds) {
        return batch(script) + "    Timeouts:\n      ExecutionTimeout: " + timeoutSeconds + "\n";
    }
}
