package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import io.harbormaster.core.plugin.PluginLauncher;
import org.junit.jupiter.api.Test;

class PluginLogConfiguratorTest {

    @Test
    void outsideAPluginItStepsAsideSoLogbackXmlApplies() {
        assertThat(System.getProperty(PluginLauncher.TYPE_PROPERTY)).isNull();
        LoggerContext context = new LoggerContext();

        assertThat(new PluginLogConfigurator().configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    @Test
    void inAPluginItConfiguresWhatLogbackXmlWouldAndStopsTheXmlConfigurator() {
        System.setProperty(PluginLauncher.TYPE_PROPERTY, "wasm");
        try {
            LoggerContext context = new LoggerContext();

            assertThat(new PluginLogConfigurator().configure(context))
                    .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console")).isNotNull();
            assertThat(context.getLogger("org.mapdb").getLevel()).isEqualTo(Level.WARN);
        } finally {
            System.clearProperty(PluginLauncher.TYPE_PROPERTY);
        }
    }
}
