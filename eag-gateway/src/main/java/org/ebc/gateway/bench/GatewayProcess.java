package org.ebc.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as an operator runs it: {@code java -jar eag-gateway.jar run --config FILE}, its output appended to one
 * log file across restarts; stoppable with SIGTERM (as systemd stops it) and killable with SIGKILL. Used by the
 * consortium bench and by the end-to-end tests.
 */
public final class GatewayProcess implements AutoCloseable {
    /** The line the ingress logs once it is subscribed to the meters' topics. */
    public static final String SUBSCRIBED = "subscribed to ebc/v1/";

    private final Process process;
    private final Path log;
    private final long subscribedBefore;

    private GatewayProcess(Process process, Path log, long subscribedBefore) {
        this.process = process;
        this.log = log;
        this.subscribedBefore = subscribedBefore;
    }

    /**
     * Starts {@code java [jvmOptions] -jar gatewayJar run --config config} with this JVM's {@code java}.
     *
     * @param jvmOptions options for the gateway's JVM (a heap limit, a test's crash point)
     */
    public static GatewayProcess start(Path gatewayJar, Path config, Path log, List<String> jvmOptions) {
        if (!Files.isRegularFile(gatewayJar)) {
            throw new IllegalArgumentException("the gateway's jar " + gatewayJar.toAbsolutePath() + " does not exist;"
                    + " build it with `./ebc build` (or mvn -B -pl eag-gateway -am package -DskipTests)");
        }
        try {
            long before = countLines(log, SUBSCRIBED);
            List<String> command = new ArrayList<>();
            command.add(AgentFleet.currentJava().toString());
            command.addAll(jvmOptions);
            command.addAll(
                    List.of("-jar", gatewayJar.toAbsolutePath().toString(), "run", "--config", config.toString()));
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new GatewayProcess(p, log, before);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway (" + gatewayJar + "): " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** CPU time the process has used so far (zero where the system does not tell). */
    public Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /**
     * Waits until this run of the gateway has subscribed.
     *
     * @throws IllegalStateException if the process ends first or {@code atMost} passes, naming its log
     */
    public void awaitSubscribed(Duration atMost) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "gateway process " + process.pid() + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (countLines(log, SUBSCRIBED) > subscribedBefore) {
                    return;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + log, e);
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("gateway process " + process.pid() + " not subscribed within "
                        + atMost.toSeconds() + " s; see " + log);
            }
            Thread.sleep(50);
        }
    }

    /** Waits for the process to end by itself (a crash point); its exit code. */
    public int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(
                    "gateway process " + process.pid() + " still running after " + atMost + "; see " + log);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gateway process " + process.pid() + " survived SIGKILL for 20 s");
        }
    }

    /** SIGTERM; the exit code once it stopped (143 after a clean stop). */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "gateway process " + process.pid() + " did not stop within 60 s of SIGTERM; see " + log);
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
