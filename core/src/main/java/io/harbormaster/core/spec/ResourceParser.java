package io.harbormaster.core.spec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Tasks[0].Resources}: CPU to millicores, memory to bytes. Memory units follow Bacalhau,
 * which reads them with go-humanize: {@code Mb}/{@code MB} are powers of 1000, {@code MiB} of 1024.
 */
final class ResourceParser {

    private static final KeyMatcher KEYS = KeyMatcher.of("CPU", "Memory")
            .ignoring("Disk", "disk limits are not enforced yet")
            .ignoring("GPU", "this node does not hand GPUs to tasks yet");

    private static final Pattern CPU = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(m?)");
    private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*([a-z]*)");
    private static final Map<String, Long> MEMORY_UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("k", 1000L), Map.entry("kb", 1000L), Map.entry("ki", 1L << 10), Map.entry("kib", 1L << 10),
            Map.entry("m", 1000_000L), Map.entry("mb", 1000_000L),
            Map.entry("mi", 1L << 20), Map.entry("mib", 1L << 20),
            Map.entry("g", 1000_000_000L), Map.entry("gb", 1000_000_000L),
            Map.entry("gi", 1L << 30), Map.entry("gib", 1L << 30),
            Map.entry("t", 1000_000_000_000L), Map.entry("tb", 1000_000_000_000L),
            Map.entry("ti", 1L << 40), Map.entry("tib", 1L << 40),
            Map.entry("p", 1000_000_000_000_000L), Map.entry("pb", 1000_000_000_000_000L),
            Map.entry("pi", 1L << 50), Map.entry("pib", 1L << 50));

    private final ValueReader values;

    ResourceParser(ValueReader values) {
        this.values = values;
    }

    ResourceSpec parse(SpecNode node, String path) {
        SpecNode.MapNode map = values.map(node, path);
        if (map == null) {
            return null;
        }
        MapFields fields = new MapFields(map, path, KEYS, values);
        String cpu = blankToNull(fields.string("CPU"));
        String memory = blankToNull(fields.string("Memory"));
        long cpuMillis = 0;
        long memoryBytes = 0;
        if (cpu != null) {
            OptionalLong parsed = cpuMillis(cpu);
            if (parsed.isEmpty()) {
                values.problems().error(fields.pathOf("CPU"), fields.lineOf("CPU"), "invalid CPU \"" + cpu
                        + "\": write cores (\"2\", \"0.5\") or millicores (\"500m\")");
            } else {
                cpuMillis = parsed.getAsLong();
            }
        }
        if (memory != null) {
            OptionalLong parsed = memoryBytes(memory);
            if (parsed.isEmpty()) {
                values.problems().error(fields.pathOf("Memory"), fields.lineOf("Memory"), "invalid memory \""
                        + memory + "\": write bytes with an optional unit (\"512Mb\", \"1Gb\", \"256MiB\")");
            } else {
                memoryBytes = parsed.getAsLong();
            }
        }
        return new ResourceSpec(cpu, memory, cpuMillis, memoryBytes);
    }

    /** "500m" is 500, "0.5" is 500, "2" is 2000; a fraction of a millicore rounds up. */
    static OptionalLong cpuMillis(String text) {
        Matcher m = CPU.matcher(text.strip());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        BigDecimal millis = m.group(2).isEmpty() ? amount.movePointRight(3) : amount;
        return toLong(millis.setScale(0, RoundingMode.CEILING));
    }

    /** "1Gb" is 10^9, "256MiB" is 256 * 2^20, "1073741824" is itself. */
    static OptionalLong memoryBytes(String text) {
        Matcher m = MEMORY.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || !MEMORY_UNITS.containsKey(m.group(2))) {
            return OptionalLong.empty();
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(MEMORY_UNITS.get(m.group(2))));
        return toLong(bytes.setScale(0, RoundingMode.CEILING));
    }

    private static OptionalLong toLong(BigDecimal whole) {
        // longValueExact throws past Long.MAX_VALUE; check the bound instead of catching
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(whole.longValue());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
