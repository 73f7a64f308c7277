package org.ebc.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ebc.gateway.bench.AgentFleet;
import org.ebc.gateway.storage.GatewayDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code eag-gateway bench} as a user runs it, from the packaged jar: it sets everything up, prints a live
 * summary, and on Ctrl-C (SIGINT) stops the agents, then the gateway, and prints the final summary.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BenchCommandIT {
    private static final Pattern STORED = Pattern.compile("meters online 3/3 \\| [0-9.]+ readings/s \\| stored (\\d+)");

    @Test
    void theBenchRunsThreeMetersAndStopsCleanlyOnCtrlC() throws Exception {
        Path data = EndToEnd.freshDirectory("bench-command");
        Process bench = new ProcessBuilder(
                        AgentFleet.currentJava().toString(),
                        "-jar",
                        EndToEnd.gatewayJar().toString(),
                        "bench",
                        "--meters",
                        "3",
                        "--interval",
                        "200ms",
                        "--agent-jar",
                        EndToEnd.agentJar().toString(),
                        "--data",
                        data.toString())
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(bench.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output ended: " + e.getMessage() + ")");
            }
        });
        try {
            await("three meters online and 20 readings stored")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!bench.isAlive()) {
                            throw new AssertionError(
                                    "bench exited with " + bench.exitValue() + ":\n" + String.join("\n", output));
                        }
                        return output.stream()
                                .map(STORED::matcher)
                                .filter(Matcher::find)
                                .anyMatch(m -> Long.parseLong(m.group(1)) >= 20);
                    });

            Process ctrlC = new ProcessBuilder("kill", "-INT", String.valueOf(bench.pid())).start();
            assertThat(ctrlC.waitFor()).isZero();
            assertThat(bench.waitFor(90, TimeUnit.SECONDS))
                    .as("bench stops after SIGINT")
                    .isTrue();
        } finally {
            bench.destroyForcibly();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> output.stream().anyMatch(l -> l.startsWith("bench: data left in")));
        String all = String.join("\n", output);
        System.out.println(all);
        assertThat(bench.exitValue()).as(all).isEqualTo(130);
        assertThat(all)
                .contains(
                        "bench: data directory " + data,
                        "the bench stands in for 3 devices",
                        "embedded MQTT broker",
                        "started 3 meter agent(s) in 1 process(es)",
                        "bench: stopping",
                        "agent process exit code(s) [143]",
                        "reading(s) from 3 meter(s)",
                        "rejected 0, 0 gap event(s)",
                        "bench: ledger: genesis",
                        "re-checked from genesis: every block, certificate, signature and balance holds",
                        "the books agree",
                        "bench: ledger: check it yourself: eag-gateway ledger verify --data",
                        "bench: data left in " + data);
        assertThat(EndToEnd.storedReadings(GatewayDatabase.file(data.resolve("gateway"))))
                .isGreaterThanOrEqualTo(20);
    }
}
