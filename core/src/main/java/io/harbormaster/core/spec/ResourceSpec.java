package io.harbormaster.core.spec;

/**
 * {@code Tasks[0].Resources}, parsed: CPU in millicores and memory in bytes, 0 meaning "no limit".
 * The original strings are kept for display ({@code "500m"}, {@code "1Gb"}).
 */
public record ResourceSpec(String cpu, String memory, long cpuMillis, long memoryBytes) {

    public static final ResourceSpec NONE = new ResourceSpec(null, null, 0, 0);

    public boolean hasLimits() {
        return cpuMillis > 0 || memoryBytes > 0;
    }
}
