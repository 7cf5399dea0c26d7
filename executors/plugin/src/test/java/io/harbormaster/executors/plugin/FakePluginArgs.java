package io.harbormaster.executors.plugin;

import io.harbormaster.core.plugin.PluginFiles;

/** The launcher's arguments as the fake plugins of these tests read them: only where to put the socket. */
final class FakePluginArgs {

    private FakePluginArgs() {
    }

    static PluginFiles files(String[] args) {
        PluginArguments parsed = PluginArguments.parse(args);
        return new PluginFiles(parsed.runtimeDir(), parsed.name());
    }
}
