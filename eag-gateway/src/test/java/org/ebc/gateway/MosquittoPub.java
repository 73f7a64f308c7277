package org.ebc.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain external MQTT client: {@code mosquitto_pub} started as a process, publishing a file's bytes
 * exactly as they are with QoS 1. Fails (never skips) with the install line if it is missing.
 */
public final class MosquittoPub {
    private static final List<String> CANDIDATES = List.of("/usr/bin/mosquitto_pub", "/usr/local/bin/mosquitto_pub");
    private static final AtomicInteger FILES = new AtomicInteger();

    private final int port;
    private final Path scratch;

    public MosquittoPub(int port, Path scratch) {
        this.port = port;
        this.scratch = scratch;
    }

    public static String executable() {
        for (String c : CANDIDATES) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        throw new AssertionError("mosquitto_pub is needed by this test but is not installed. "
                + "Install it with: sudo apt-get install -y mosquitto-clients");
    }

    public void publish(String topic, byte[] payload) throws IOException, InterruptedException {
        publish(topic, payload, false);
    }

    public void publish(String topic, byte[] payload, boolean retained) throws IOException, InterruptedException {
        Path file = scratch.resolve("payload-" + FILES.incrementAndGet() + ".bin");
        Files.write(file, payload);
        List<String> cmd = new ArrayList<>(List.of(
                executable(),
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-q",
                "1",
                "-t",
                topic,
                "-f",
                file.toString()));
        if (retained) {
            cmd.add("-r");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mosquitto_pub did not finish within 30 s publishing to " + topic);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(
                    "mosquitto_pub exited with " + p.exitValue() + " publishing to " + topic + ": " + out);
        }
    }
}
