package org.ebc.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ebc.config.Settings;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped runnable jar ({@code target/eag-gateway.jar}, built by the package phase before failsafe
 * runs) starts the embedded broker in a JVM of its own: proves that shading kept HiveMQ working (merged
 * service files, RocksDB natives, one SLF4J provider) and measures the process as an operator would see it.
 */
@Timeout(120)
class ShadedJarBrokerIT {
    private static final Path JAR = Path.of("target/eag-gateway.jar");
    private static final Pattern READY =
            Pattern.compile("READY uri=(\\S+) startup_ms=(\\d+) threads=(\\d+) heap_used_mib=(\\d+)");

    @TempDir
    Path data;

    @Test
    void theShadedJarStartsTheEmbeddedBrokerAndItDeliversAQos1Message() throws Exception {
        assertThat(JAR)
                .as("the shaded jar; build it with: mvn -pl eag-gateway verify (package runs before the ITs)")
                .isRegularFile();
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElseThrow(() -> new AssertionError("cannot find this JVM's java executable"));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        JAR.toString(),
                        EmbeddedBrokerCheck.class.getName(),
                        data.toString(),
                        BrokerSettings.PORT + "=0")
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread pump = Thread.ofVirtual().start(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output ended: " + e.getMessage() + ")");
            }
        });
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !p.isAlive()
                            || output.stream().anyMatch(l -> READY.matcher(l).find()));
            Matcher ready = output.stream()
                    .map(READY::matcher)
                    .filter(Matcher::find)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "the jar did not report READY; it printed:\n" + String.join("\n", output)));
            long untilReadyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            String uri = ready.group(1);

            MqttClient c = new MqttClient(uri, "shaded-jar-probe", new MemoryPersistence());
            BrokerSettings s = BrokerSettings.from(Settings.of(Map.of()), data);
            try (RecordingSubscriber sub = new RecordingSubscriber(uri, "gateway-ingress")) {
                sub.connect(MqttClientOptions.connectOptions(s)).subscribe("ebc/v1/+/meter/+/reading");
                c.connect(MqttClientOptions.connectOptions(s));
                c.publish("ebc/v1/eag-jar/meter/node-1/reading", "T1".getBytes(StandardCharsets.UTF_8), 1, false);
                c.disconnect();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> sub.received.contains("ebc/v1/eag-jar/meter/node-1/reading T1"));
            } finally {
                c.close();
            }

            String status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
            System.out.printf(
                    "shaded jar: READY after %d ms (broker start %s ms), %s threads, heap used %s MiB, %s, %s%n",
                    untilReadyMs,
                    ready.group(2),
                    ready.group(3),
                    ready.group(4),
                    field(status, "VmRSS"),
                    field(status, "Threads"));

            try (OutputStream stdin = p.getOutputStream()) {
                stdin.write("stop\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS))
                    .as("the jar stops after 'stop'")
                    .isTrue();
            pump.join(Duration.ofSeconds(5));
            assertThat(p.exitValue())
                    .as("exit status; output:\n" + String.join("\n", output))
                    .isZero();
            assertThat(output).contains("STOPPED");
            // Logback was excluded: SLF4J must find exactly one provider (tinylog) and say nothing.
            assertThat(output).noneMatch(l -> l.startsWith("SLF4J"));
        } finally {
            p.destroyForcibly();
        }
    }

    private static String field(String procStatus, String name) {
        return procStatus
                .lines()
                .filter(l -> l.startsWith(name + ":"))
                .findFirst()
                .map(l -> l.replaceAll("\\s+", " ").strip())
                .orElse(name + ": ?");
    }
}
