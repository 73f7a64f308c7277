package org.ebc.gateway.consortium.net;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP (or Unix-socket) forwarder that can delay, black-hole and cut what passes through it: the harness's
 * stand-in for {@code tc netem}, which this kernel lacks. Depends on the JDK only, so that it runs as a
 * child JVM inside a network namespace ({@code ip netns exec <ns> java -cp <test classes> …LinkProxy}),
 * controlled by one command per line on stdin and answering {@code ok …} or {@code error …} on stdout:
 *
 * <pre>
 *   listen NAME tcp:HOST:PORT|unix:PATH tcp:HOST:PORT|unix:PATH   forward a new listener to a target
 *   delay NAME MILLIS                 hold every chunk MILLIS ms in each direction (one-way link delay)
 *   blackhole NAME on|off             swallow all bytes both ways, connections stay open (total loss)
 *   drop NAME                         reset every open connection of NAME, discarding what is in flight
 *   quit
 * </pre>
 *
 * A new delay applies to bytes read after it is set; bytes keep their order. Thread-safe.
 */
public final class LinkProxy implements Closeable {
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

    /** Runs the stdin/stdout control loop until {@code quit} or end of input. */
    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (LinkProxy proxy = new LinkProxy();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            out.println("ok ready");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.equals("quit")) {
                    out.println("ok quit");
                    return;
                }
                try {
                    out.println("ok " + proxy.command(line.trim()));
                } catch (IOException | RuntimeException e) {
                    out.println("error " + line + ": " + e);
                }
            }
        }
    }

    /** Executes one control command; returns what to print after {@code ok}. */
    String command(String line) throws IOException {
        String[] w = line.split(" ");
        switch (w[0]) {
            case "listen" -> {
                need(w, 4);
                SocketAddress bound = listen(w[1], address(w[2]), address(w[3]));
                return "listen " + w[1] + " " + bound;
            }
            case "delay" -> {
                need(w, 3);
                listener(w[1]).delayNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(w[2]));
            }
            case "blackhole" -> {
                need(w, 3);
                listener(w[1]).blackhole = w[2].equals("on");
            }
            case "drop" -> {
                need(w, 2);
                listener(w[1]).dropAll();
            }
            default -> throw new IllegalArgumentException("unknown command");
        }
        return line;
    }

    /** Starts forwarding connections accepted at {@code at} to {@code to}; returns the bound address. */
    public SocketAddress listen(String name, SocketAddress at, SocketAddress to) throws IOException {
        ServerSocketChannel server;
        if (at instanceof UnixDomainSocketAddress u) {
            Files.deleteIfExists(u.getPath());
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } else {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        }
        server.bind(at);
        Listener l = new Listener(name, server, to);
        if (listeners.putIfAbsent(name, l) != null) {
            server.close();
            throw new IllegalArgumentException("listener " + name + " exists");
        }
        Thread.ofPlatform().daemon().name("proxy-accept-" + name).start(l::acceptLoop);
        return server.getLocalAddress();
    }

    public void delay(String name, long millis) {
        listener(name).delayNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    public void blackhole(String name, boolean on) {
        listener(name).blackhole = on;
    }

    public void drop(String name) {
        listener(name).dropAll();
    }

    static SocketAddress address(String spec) {
        if (spec.startsWith("unix:")) {
            return UnixDomainSocketAddress.of(Path.of(spec.substring(5)));
        }
        if (spec.startsWith("tcp:")) {
            int colon = spec.lastIndexOf(':');
            return new InetSocketAddress(spec.substring(4, colon), Integer.parseInt(spec.substring(colon + 1)));
        }
        throw new IllegalArgumentException("address must be tcp:HOST:PORT or unix:PATH, not " + spec);
    }

    private static void need(String[] words, int n) {
        if (words.length != n) {
            throw new IllegalArgumentException("expected " + (n - 1) + " argument(s)");
        }
    }

    private Listener listener(String name) {
        Listener l = listeners.get(name);
        if (l == null) {
            throw new IllegalArgumentException("no listener " + name);
        }
        return l;
    }

    @Override
    public void close() {
        for (Listener l : listeners.values()) {
            l.close();
        }
        listeners.clear();
    }

    private static final class Listener {
        final String name;
        final ServerSocketChannel server;
        final SocketAddress target;
        final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
        volatile long delayNanos;
        volatile boolean blackhole;

        Listener(String name, ServerSocketChannel server, SocketAddress target) {
            this.name = name;
            this.server = server;
            this.target = target;
        }

        void acceptLoop() {
            while (server.isOpen()) {
                SocketChannel client;
                try {
                    client = server.accept();
                } catch (IOException closed) {
                    return;
                }
                Thread.ofPlatform().daemon().name("proxy-connect-" + name).start(() -> connect(client));
            }
        }

        private void connect(SocketChannel client) {
            SocketChannel upstream = null;
            try {
                upstream = target instanceof UnixDomainSocketAddress
                        ? SocketChannel.open(StandardProtocolFamily.UNIX)
                        : SocketChannel.open();
                if (!(target instanceof UnixDomainSocketAddress)) {
                    upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                if (!(client.getLocalAddress() instanceof UnixDomainSocketAddress)) {
                    client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                upstream.connect(target);
            } catch (IOException unreachable) {
                // The peer is down or its link is cut: the client sees its connection closed, as with no proxy.
                closeQuietly(client);
                closeQuietly(upstream);
                return;
            }
            open.add(client);
            open.add(upstream);
            pipe(client, upstream);
            pipe(upstream, client);
        }

        /** One direction: a reader queues chunks stamped with their due time, a writer sends them when due. */
        private void pipe(SocketChannel from, SocketChannel to) {
            LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
            Thread.ofPlatform().daemon().name("proxy-read-" + name).start(() -> {
                ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
                try {
                    while (from.read(buf.clear()) >= 0) {
                        if (blackhole) {
                            continue;
                        }
                        byte[] data = new byte[buf.position()];
                        buf.flip().get(data);
                        queue.add(new Chunk(System.nanoTime() + delayNanos, data));
                    }
                } catch (IOException gone) {
                    // reset or dropped: the writer ends with the end marker below
                }
                queue.add(Chunk.END);
            });
            Thread.ofPlatform().daemon().name("proxy-write-" + name).start(() -> {
                try {
                    for (Chunk c = queue.take(); !c.isEnd(); c = queue.take()) {
                        // The delay is the point of this proxy: wait until the chunk is due.
                        for (long wait = c.due - System.nanoTime(); wait > 0; wait = c.due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        if (!blackhole) {
                            ByteBuffer b = ByteBuffer.wrap(c.data);
                            while (b.hasRemaining()) {
                                to.write(b);
                            }
                        }
                    }
                    // MQTT never half-closes: one side's end ends the connection.
                    end(from);
                    end(to);
                } catch (IOException | InterruptedException e) {
                    reset(from);
                    reset(to);
                }
            });
        }

        private void end(SocketChannel c) {
            closeQuietly(c);
            open.remove(c);
        }

        void dropAll() {
            for (SocketChannel c : open) {
                reset(c);
            }
        }

        private void reset(SocketChannel c) {
            try {
                if (c.isOpen() && !(c.getLocalAddress() instanceof UnixDomainSocketAddress)) {
                    c.setOption(StandardSocketOptions.SO_LINGER, 0); // RST: what a cut link looks like to TCP
                }
            } catch (IOException ignored) {
                // already closed
            }
            closeQuietly(c);
            open.remove(c);
        }

        void close() {
            closeQuietly(server);
            dropAll();
        }
    }

    /** Bytes to forward at {@code due} ({@link System#nanoTime()}); {@code data == null} ends the stream. */
    private record Chunk(long due, byte[] data) {
        static final Chunk END = new Chunk(0, null);

        boolean isEnd() {
            return data == null;
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
