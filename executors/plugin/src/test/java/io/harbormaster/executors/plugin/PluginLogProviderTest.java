package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.plugin.PluginLauncher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.spi.SLF4JServiceProvider;

/** The plugin's SLF4J backend: what the launcher names, and the levels its loggers get. */
class PluginLogProviderTest {

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void theLauncherNamesThisProviderWhichSlf4jCanMakeAndStart() throws Exception {
        assertThat(PluginLauncher.LOG_PROVIDER).isEqualTo(PluginLogProvider.class.getName());
        Object made = Class.forName(PluginLauncher.LOG_PROVIDER).getConstructor().newInstance();
        assertThat(made).isInstanceOf(SLF4JServiceProvider.class);

        SLF4JServiceProvider provider = (SLF4JServiceProvider) made;
        provider.initialize();

        assertThat(provider.getLoggerFactory()).isInstanceOf(PluginLoggerFactory.class);
        assertThat(provider.getMarkerFactory().getMarker("m")).isNotNull();
        assertThat(provider.getMDCAdapter()).isNotNull();
        assertThat(provider.getRequestedApiVersion()).startsWith("2.0");
        Logger logger = provider.getLoggerFactory().getLogger("a.B");
        assertThat(logger.getName()).isEqualTo("a.B");
        assertThat(provider.getLoggerFactory().getLogger("a.B")).isSameAs(logger);
    }

    @Test
    void rootLevelComesFromTheEnvironmentInAnyCaseAndIsInfoOtherwise() {
        assertThat(PluginLoggerFactory.threshold(null)).isEqualTo(org.slf4j.event.Level.INFO.toInt());
        assertThat(PluginLoggerFactory.threshold("")).isEqualTo(org.slf4j.event.Level.INFO.toInt());
        assertThat(PluginLoggerFactory.threshold("verbose")).isEqualTo(org.slf4j.event.Level.INFO.toInt());
        assertThat(PluginLoggerFactory.threshold("debug")).isEqualTo(org.slf4j.event.Level.DEBUG.toInt());
        assertThat(PluginLoggerFactory.threshold(" Trace ")).isEqualTo(org.slf4j.event.Level.TRACE.toInt());
        assertThat(PluginLoggerFactory.threshold("WARN")).isEqualTo(org.slf4j.event.Level.WARN.toInt());
        assertThat(PluginLoggerFactory.threshold("error")).isEqualTo(org.slf4j.event.Level.ERROR.toInt());

        Logger debug = factory("Debug").getLogger("io.harbormaster.X");
        assertThat(debug.isTraceEnabled()).isFalse();
        assertThat(debug.isDebugEnabled()).isTrue();
        Logger error = factory("ERROR").getLogger("io.harbormaster.X");
        assertThat(error.isWarnEnabled()).isFalse();
        assertThat(error.isErrorEnabled()).isTrue();
        Logger off = factory("off").getLogger("io.harbormaster.X");
        assertThat(off.isErrorEnabled()).isFalse();
    }

    @Test
    void mapdbAndTheHttpServerLogWarningsAndAboveWhateverTheRootLevel() {
        PluginLoggerFactory trace = factory("TRACE");
        for (String name : new String[] {"org.mapdb", "org.mapdb.DBMaker", "com.sun.net.httpserver",
                "com.sun.net.httpserver.HttpServer"}) {
            assertThat(trace.getLogger(name).isInfoEnabled()).as(name).isFalse();
            assertThat(trace.getLogger(name).isWarnEnabled()).as(name).isTrue();
            assertThat(factory("ERROR").getLogger(name).isWarnEnabled()).as("%s, as logback did", name).isTrue();
        }
        assertThat(trace.getLogger("org.mapdbx.Other").isTraceEnabled()).as("not under org.mapdb").isTrue();
    }

    @Test
    void aDisabledLevelWritesNothingAndArgumentsAndATrailingThrowableAreFormatted() {
        PluginLoggerFactory factory = factory(null);
        Logger logger = factory.getLogger("io.harbormaster.executors.plugin.PluginSession");

        logger.debug("not shown {}", 1);
        logger.info("{} of {}", 1, 2);
        logger.warn("failed {}", "op", new IllegalStateException("why"));

        String text = stderr.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("not shown");
        assertThat(text.lines().toList()).first().asString().matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  PluginSession - 1 of 2");
        assertThat(text.lines().toList().get(1)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  PluginSession - failed op");
        assertThat(text.lines().toList().get(2)).isEqualTo("java.lang.IllegalStateException: why");
    }

    private PluginLoggerFactory factory(String level) {
        return new PluginLoggerFactory(level,
                new PluginLogOutput(new PrintStream(stderr, true, StandardCharsets.UTF_8), TimeZone.getDefault()));
    }
}
