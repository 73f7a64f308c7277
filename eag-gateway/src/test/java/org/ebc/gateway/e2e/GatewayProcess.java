package org.ebc.gateway.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ebc.gateway.bench.AgentFleet;

/**
 * The gateway as an operator runs it: {@code java -jar target/eag-gateway.jar run --config FILE}, its
 * output appended to one log file across restarts; killable with SIGKILL.
 */
final class GatewayProcess implements AutoCloseable {
    /** The line the ingress logs once it is subscribed to the meters' topics. */
    static final String SUBSCRIBED = "subscribed to ebc/v1/";

    private final Process process;
    private final Path log;
    private final long subscribedBefore;

    private GatewayProcess(Process process, Path log, long subscribedBefore) {
        this.process = process;
        this.log = log;
        this.subscribedBefore = subscribedBefore;
    }

    static GatewayProcess start(Path config, Path log) throws IOException {
        return start(config, log, List.of());
    }

    /** With extra JVM options (a test's crash point, say). */
    static GatewayProcess start(Path config, Path log, List<String> jvmOptions) throws IOException {
        long before = countLines(log, SUBSCRIBED);
        List<String> command = new java.util.ArrayList<>();
        command.add(AgentFleet.currentJava().toString());
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", EndToEnd.gatewayJar().toString(), "run", "--config", config.toString()));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new GatewayProcess(p, log, before);
    }

    /** Waits until this run of the gateway has subscribed (fails at once if the process ends). */
    void awaitSubscribed(Duration atMost) {
        await("gateway process " + process.pid() + " subscribed (log " + log + ")")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("gateway process exited with " + process.exitValue() + "; see " + log);
                    }
                    return countLines(log, SUBSCRIBED) > subscribedBefore;
                });
    }

    /** Waits for the process to end by itself (a crash point); its exit code. */
    int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(
                    "gateway process " + process.pid() + " still running after " + atMost + "; see " + log);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("gateway process " + process.pid() + " survived SIGKILL for 20 s");
        }
    }

    /** SIGTERM; the exit code once it stopped (143 after a clean stop). */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("gateway process " + process.pid() + " did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    private static long countLines(Path log, String marker) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        // Latin-1 reads any bytes: a kill -9 may cut a line in the middle of a UTF-8 sequence.
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        return lines.stream().filter(l -> l.contains(marker)).count();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
