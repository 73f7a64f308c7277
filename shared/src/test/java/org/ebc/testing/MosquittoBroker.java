package org.ebc.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker for integration tests: started as a process on a free loopback port with its
 * own config and persistence folder, killable with SIGKILL and restartable on the same port.
 *
 * <p>If Mosquitto is not installed the test fails (never skips) with the line that installs it.
 */
public final class MosquittoBroker implements AutoCloseable {
    private static final List<String> CANDIDATES =
            List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto");

    private final Path workDir;
    private final Path config;
    private final int port;
    private Process process;

    private MosquittoBroker(Path workDir, Path config, int port) {
        this.workDir = workDir;
        this.config = config;
        this.port = port;
    }

    /** Starts a plain-TCP broker on 127.0.0.1 with persistence in {@code workDir}. */
    public static MosquittoBroker start(Path workDir) throws IOException {
        return start(workDir, "");
    }

    /**
     * Starts a broker whose config is the default plain listener plus {@code extraConfig} lines; pass a
     * complete listener section in {@code extraConfig} together with {@code listenerOverride} via
     * {@link #startWithConfig(Path, String, int)} for TLS setups.
     */
    public static MosquittoBroker start(Path workDir, String extraConfig) throws IOException {
        int port = freePort();
        String conf = "listener " + port + " 127.0.0.1\n"
                + "allow_anonymous true\n"
                + commonConfig(workDir)
                + extraConfig + "\n";
        return startWithConfig(workDir, conf, port);
    }

    /** Starts Mosquitto with exactly {@code configText}; {@code port} is the port that text listens on. */
    public static MosquittoBroker startWithConfig(Path workDir, String configText, int port) throws IOException {
        Files.createDirectories(workDir);
        Path conf = workDir.resolve("mosquitto.conf");
        Files.writeString(conf, configText, StandardCharsets.UTF_8);
        MosquittoBroker b = new MosquittoBroker(workDir, conf, port);
        b.launch();
        return b;
    }

    /** Persistence and logging lines every test broker uses: the queue survives a clean restart. */
    public static String commonConfig(Path workDir) {
        return "persistence true\n"
                + "persistence_location " + workDir.toAbsolutePath() + "/\n"
                + "autosave_interval 1\n"
                + "max_queued_messages 0\n"
                + "max_inflight_messages 0\n"
                + "log_dest file " + workDir.toAbsolutePath().resolve("mosquitto.log") + "\n";
    }

    /**
     * A plain-TCP broker on {@code port} bridged to a peer broker at {@code peerPort} (a proxy's port, to cut the link):
     * it pushes the consortium prefixes of {@code eags} ({@code ebc/v1/consortium/<eag>/#}) to the peer, as a
     * substation's Mosquitto pushes its own EAGs' messages.
     */
    public static String bridgedConfig(Path workDir, int port, String peer, int peerPort, List<String> eags) {
        StringBuilder b = new StringBuilder("listener " + port + " 127.0.0.1\n"
                + "allow_anonymous true\n"
                + commonConfig(workDir)
                + "connection to-" + peer + "\n"
                + "address 127.0.0.1:" + peerPort + "\n");
        for (String eag : eags) {
            b.append("topic ebc/v1/consortium/").append(eag).append("/# out 1\n");
        }
        return b.append("""
                        bridge_protocol_version mqttv311
                        cleansession true
                        keepalive_interval 2
                        restart_timeout 1
                        start_type automatic
                        try_private false
                        """).toString();
    }

    public static String executable() {
        for (String c : CANDIDATES) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        throw new AssertionError("Mosquitto is needed by this test but is not installed. "
                + "Install it with: sudo apt-get install -y mosquitto mosquitto-clients");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(executable(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("mosquitto.out").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": "
                        + Files.readString(workDir.resolve("mosquitto.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20); // polling a TCP port: there is nothing to await
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for mosquitto", e);
                }
            }
        }
        throw new IOException("mosquitto did not open port " + port + " within 10 s");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public Path workDir() {
        return workDir;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: Mosquitto loses whatever it had not saved (its in-memory queue since the last autosave). */
    public void kill9() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts again with the same config and port (after {@link #kill9()} or {@link #close()}). */
    public void restart() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException("mosquitto is still running");
        }
        launch();
    }

    /** A clean stop (SIGTERM): Mosquitto saves its persistence file. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
