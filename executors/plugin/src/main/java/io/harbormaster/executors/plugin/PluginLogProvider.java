package io.harbormaster.executors.plugin;

import java.util.TimeZone;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J backend of a plugin process, chosen by the {@code slf4j.provider} system property the node's
 * {@code PluginLauncher} sets (so SLF4J skips its ServiceLoader search and logback, still on the classpath for
 * the node, stays unloaded). Logback loaded about 235 classes in every plugin for what is here a few: a plugin
 * only writes lines in two fixed formats ({@link PluginLogFormat}) to stderr and then to its own file
 * ({@link PluginLogFile}), with levels fixed at start ({@link PluginLoggerFactory}). No MDC: nothing in a
 * plugin reads it, and the line formats never showed it.
 */
public final class PluginLogProvider implements SLF4JServiceProvider {

    private PluginLoggerFactory loggerFactory;
    private IMarkerFactory markerFactory;
    private MDCAdapter mdcAdapter;

    @Override
    public void initialize() {
        loggerFactory = new PluginLoggerFactory(System.getenv(PluginLoggerFactory.LEVEL_ENV),
                new PluginLogOutput(System.err, TimeZone.getDefault()));
        markerFactory = new BasicMarkerFactory();
        mdcAdapter = new NOPMDCAdapter();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
