package io.harbormaster.executors.docker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A Unix socket in front of the test engine that writes down every HTTP request line passing
 * through, so a test can count API calls ("one list call, not one inspect each").
 */
final class RecordingEngineProxy implements AutoCloseable {

    private static final Pattern REQUEST_LINE = Pattern.compile("^(GET|POST|PUT|DELETE|HEAD) \\S+ HTTP/1\\.[01]$");

    private final Path socket;
    private final Path engineSocket;
    private final ServerSocketChannel server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    RecordingEngineProxy(Path dir, String engineHost) throws IOException {
        if (!engineHost.startsWith("unix://")) {
            throw new IllegalArgumentException("the recording proxy needs a unix:// engine, not " + engineHost);
        }
        this.engineSocket = Path.of(engineHost.substring("unix://".length()));
        this.socket = dir.resolve("proxy.sock");
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread acceptor = new Thread(this::accept, "engine-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String host() {
        return "unix://" + socket;
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    long count(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return requests.stream().filter(line -> pattern.matcher(line).find()).count();
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(engineSocket));
                pump(client, engine, true);
                pump(engine, client, false);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to, boolean record) {
        Thread thread = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            StringBuilder line = new StringBuilder();
            try (from; to) {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    if (record) {
                        note(buffer.duplicate(), line);
                    }
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
            } catch (IOException closed) {
                // one side hung up: the other is closed with it
            }
        }, "engine-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void note(ByteBuffer bytes, StringBuilder line) {
        String text = StandardCharsets.ISO_8859_1.decode(bytes).toString();
        for (char c : text.toCharArray()) {
            if (c == '\n') {
                String complete = line.toString().trim();
                if (REQUEST_LINE.matcher(complete).matches()) {
                    requests.add(complete);
                }
                line.setLength(0);
            } else if (line.length() < 4096) {
                line.append(c);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
