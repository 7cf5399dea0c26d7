package io.harbormaster.executors.plugin;

import io.harbormaster.core.plugin.PluginFiles;
import io.harbormaster.core.plugin.PluginHandshake;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A plugin with a correct handshake that then misbehaves, chosen by {@code -Dfake.mode}:
 * {@code hang} accepts connections and never answers; {@code mismatch} answers every hello with
 * a version mismatch.
 */
public final class MisbehavingPlugin {

    private MisbehavingPlugin() {
    }

    public static void main(String[] args) throws IOException {
        PluginFiles files = FakePluginArgs.files(args);
        boolean hang = "hang".equals(System.getProperty("fake.mode"));
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(files.socket()));
        System.out.println(PluginHandshake.current(files.socket()).format());
        System.out.close();
        List<SocketChannel> held = new ArrayList<>();
        while (true) {
            SocketChannel client = server.accept();
            held.add(client); // never closed: the client must give up on its own
            if (!hang) {
                client.write(ByteBuffer.wrap(("{\"id\":1,\"type\":\"error\",\"error\":{\"code\":\"version-mismatch\","
                        + "\"message\":\"the client speaks protocol 1/1, this plugin 1/2\"}}\n")
                        .getBytes(StandardCharsets.UTF_8)));
            }
        }
    }
}
