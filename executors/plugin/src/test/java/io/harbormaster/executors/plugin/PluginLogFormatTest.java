package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The plugin's line formats against logback's own layout of the patterns they replace. */
class PluginLogFormatTest {

    private static final String FILE_PATTERN = "%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n";
    private static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
    private static final List<String> NAMES = List.of("io.harbormaster.executors.plugin.PluginMain",
            "io.harbormaster.executors.plugin.PluginSession", "io.harbormaster.executors.wasm.WasmExecutor",
            "io.harbormaster.executors.wasm.ChicoryCompiler", "com.dylibso.chicory.wasi.WasiPreview1",
            "org.mapdb.DB", "ROOT", "Plain", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.Name",
            "io.harbormaster.executors.plugin.AClassNameLongerThanThirtySixCharactersAlone",
            "short.Name", "exactly.thirty.six.characters.abcdef", "thirty.five.characters.abcdefghijklm",
            "io..double.Dot", "trailing.dot.");
    /** The epoch, both sides of a new year, of a daylight-saving change in Europe, far ahead, a leap day. */
    private static final long[] INSTANTS = {0L, 1_735_689_599_999L, 1_735_689_600_000L, 1_711_846_799_500L,
            1_711_846_800_001L, 4_102_444_800_000L, 951_782_400_000L};
    private static final List<Level> LEVELS = List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR);

    @Test
    void abbreviatesLoggerNamesAsLogbacksPercentLogger36() {
        TargetLengthBasedClassNameAbbreviator logback = new TargetLengthBasedClassNameAbbreviator(36);
        for (String name : NAMES) {
            assertThat(PluginLogFormat.abbreviate(name, 36)).as(name).isEqualTo(logback.abbreviate(name));
        }
        assertThat(PluginLogFormat.abbreviate("io.harbormaster.executors.plugin.PluginMain", 36))
                .isEqualTo("i.h.executors.plugin.PluginMain");
    }

    @Test
    void fileAndConsoleLinesAreWhatLogbackWroteForTheSamePatterns() {
        TimeZone saved = TimeZone.getDefault();
        // a zone with a half-hour offset and one with daylight saving, on both sides of midnight and of a year
        for (String zone : List.of("Asia/Kolkata", "America/Sao_Paulo", "Europe/Berlin", "UTC")) {
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
            try {
                LoggerContext context = new LoggerContext();
                PatternLayout file = layout(context, FILE_PATTERN);
                PatternLayout console = layout(context, CONSOLE_PATTERN);
                int i = 0;
                for (long millis : INSTANTS) {
                    String name = NAMES.get(i % NAMES.size());
                    Level level = LEVELS.get(i % LEVELS.size());
                    String message = "message " + i + " with {} braces";
                    LoggingEvent event = event(context, millis, name, "worker-" + i, level, message, null);
                    long local = millis + TimeZone.getDefault().getOffset(millis);

                    assertThat(PluginLogFormat.fileLine(local, level, "worker-" + i,
                            PluginLogFormat.abbreviate(name, 36), message, null))
                            .as("%s at %d in %s", name, millis, zone).isEqualTo(file.doLayout(event));
                    assertThat(PluginLogFormat.consoleLine(local, level, PluginLogFormat.simpleName(name), message, null))
                            .as("%s at %d in %s", name, millis, zone).isEqualTo(console.doLayout(event));
                    i++;
                }
            } finally {
                TimeZone.setDefault(saved);
            }
        }
    }

    @Test
    void aThrowableFollowsItsLineAsTheJdkPrintsItsStackTrace() {
        IllegalStateException failure = new IllegalStateException("boom", new java.io.IOException("disk gone"));
        StringWriter expected = new StringWriter();
        failure.printStackTrace(new PrintWriter(expected));

        String line = PluginLogFormat.fileLine(0, Level.WARN, "main", "a.B", "it failed", failure);

        assertThat(line).isEqualTo("1970-01-01 00:00:00,000 WARN  [main] a.B - it failed" + System.lineSeparator()
                + expected);
        assertThat(line).contains("java.lang.IllegalStateException: boom" + System.lineSeparator() + "\tat ")
                .contains("Caused by: java.io.IOException: disk gone");
        // logback's layout of the same event starts the same way: the exception's line, then its frames
        LoggerContext context = new LoggerContext();
        String logback = layout(context, FILE_PATTERN).doLayout(event(context, 0, "a.B", "main", Level.WARN, "it failed", failure));
        List<String> ours = line.lines().toList();
        assertThat(logback.lines().limit(4).toList().subList(1, 4)).isEqualTo(ours.subList(1, 4));
        assertThat(PluginLogFormat.consoleLine(0, Level.ERROR, "B", "it failed", failure))
                .endsWith("it failed" + System.lineSeparator() + expected);
    }

    @Test
    void datesAreTheGregorianCalendarsFromYearOneToNineThousand() {
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
        Random random = new Random(42);
        long min = LocalDateTime.of(1, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        long max = LocalDateTime.of(9000, 12, 31, 23, 59).toInstant(ZoneOffset.UTC).toEpochMilli();
        for (int i = 0; i < 20_000; i++) {
            long millis = i < 10 ? 86_400_000L * (i - 5) - 1 : min + (long) (random.nextDouble() * (max - min));
            StringBuilder ours = new StringBuilder();
            PluginLogFormat.appendDate(ours, millis);
            ours.append(' ');
            PluginLogFormat.appendTime(ours, millis, ',');

            LocalDateTime expected = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000),
                    Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
            assertThat(ours.toString()).as("%d", millis).isEqualTo(iso.format(expected));
        }
    }

    private static PatternLayout layout(LoggerContext context, String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        return layout;
    }

    private static LoggingEvent event(LoggerContext context, long millis, String name, String thread, Level level,
            String message, Throwable throwable) {
        LoggingEvent event = new LoggingEvent();
        event.setLoggerContext(context);
        event.setLoggerName(name);
        event.setLevel(ch.qos.logback.classic.Level.convertAnSLF4JLevel(level));
        event.setMessage(message);
        event.setTimeStamp(millis);
        event.setThreadName(thread);
        if (throwable != null) {
            event.setThrowableProxy(new ThrowableProxy(throwable));
        }
        return event;
    }
}
