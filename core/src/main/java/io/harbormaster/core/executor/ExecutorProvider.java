package io.harbormaster.core.executor;

/** Found by {@link java.util.ServiceLoader}: one per engine type on the classpath. */
public interface ExecutorProvider {

    /** The engine type this provider's executor runs ({@code docker}, {@code wasm}, ...). */
    String type();

    Executor create(ExecutorContext context);
}
