package io.harbormaster.executors.docker;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class against the engine named by {@code HARBORMASTER_TEST_DOCKER_HOST}. Without one,
 * a developer's run skips with one line saying how to start it; a CI run ({@code CI=true}) fails,
 * so a broken engine setup can never pass as green.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDockerEngine.Condition.class)
public @interface RequiresDockerEngine {

    String HOST_VARIABLE = "HARBORMASTER_TEST_DOCKER_HOST";
    String HOW_TO = "no Docker engine for tests: run `.ci/docker-engine start /tmp/hm-docker` and export the "
            + HOST_VARIABLE + " line it prints (`eval \"$(.ci/docker-engine start /tmp/hm-docker)\"`)";

    public final class Condition implements ExecutionCondition {

        // surefire does not print skip reasons: say it once on the console, not once per class
        private static final java.util.concurrent.atomic.AtomicBoolean TOLD = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String host = System.getenv(HOST_VARIABLE);
            if (host != null && !host.isBlank()) {
                return ConditionEvaluationResult.enabled("Docker engine at " + host);
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + HOW_TO);
            }
            if (TOLD.compareAndSet(false, true)) {
                System.err.println("SKIPPED docker executor tests: " + HOW_TO);
            }
            return ConditionEvaluationResult.disabled(HOW_TO);
        }
    }
}
