package org.ebc.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The meter agents of a bench as real processes: {@code java -jar meter-agent.jar run --config …} with
 * several configuration files per process (one JVM runs many agents), output appended to a log file per
 * process. Stopped with SIGTERM, as systemd stops an agent, so each agent records its clean stop.
 *
 * <p>Thread-safe for {@link #stop} from a shutdown hook while another thread reads {@link #exited()}.
 */
public final class AgentFleet implements AutoCloseable {
    private final List<Process> processes;
    private final List<Path> logs;

    private AgentFleet(List<Process> processes, List<Path> logs) {
        this.processes = List.copyOf(processes);
        this.logs = List.copyOf(logs);
    }

    /** The {@code java} of this JVM: the agent needs the same Java version the gateway runs on. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Starts one process per group of configuration files.
     *
     * @param logDir where {@code agents-N.log} are written
     * @param jvmOptions options for each agent JVM (e.g. {@code -Xmx256m})
     */
    public static AgentFleet start(
            Path java, Path agentJar, List<List<Path>> configGroups, Path logDir, List<String> jvmOptions) {
        if (!Files.isRegularFile(agentJar)) {
            throw new IllegalArgumentException(
                    "the meter agent's jar " + agentJar.toAbsolutePath() + " does not exist; build it with"
                            + " `mvn -B -pl meter-agent package -DskipTests` (or ./ebc build) and pass it with --agent-jar");
        }
        List<Process> started = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            Files.createDirectories(logDir);
            for (int i = 0; i < configGroups.size(); i++) {
                List<String> cmd = new ArrayList<>();
                cmd.add(java.toString());
                cmd.addAll(jvmOptions);
                cmd.add("-jar");
                cmd.add(agentJar.toAbsolutePath().toString());
                cmd.add("run");
                for (Path config : configGroups.get(i)) {
                    cmd.add("--config");
                    cmd.add(config.toAbsolutePath().toString());
                }
                Path log = logDir.resolve(configGroups.size() == 1 ? "agents.log" : "agents-" + (i + 1) + ".log");
                started.add(new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start());
                logs.add(log);
            }
        } catch (IOException e) {
            started.forEach(Process::destroyForcibly);
            throw new UncheckedIOException("cannot start the meter agent: " + e.getMessage(), e);
        }
        return new AgentFleet(started, logs);
    }

    public List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    public List<Path> logs() {
        return logs;
    }

    /** CPU time the agent processes have used so far, together (zero where the system does not tell). */
    public java.time.Duration cpu() {
        return processes.stream()
                .map(p -> p.info().totalCpuDuration().orElse(java.time.Duration.ZERO))
                .reduce(java.time.Duration.ZERO, java.time.Duration::plus);
    }

    public int size() {
        return processes.size();
    }

    /** A description of the first process that has ended (crashed, or refused its configuration), if any. */
    public Optional<String> exited() {
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.isAlive()) {
                return Optional.of(
                        "agent process " + p.pid() + " exited with " + p.exitValue() + " (see " + logs.get(i) + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * SIGTERM to every process, then waits up to {@code grace} for each; those still running are killed.
     *
     * @return the exit codes (143 is a clean stop on SIGTERM; -9 marks a process that had to be killed)
     */
    public List<Integer> stop(Duration grace) {
        processes.forEach(Process::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        List<Integer> codes = new ArrayList<>();
        for (Process p : processes) {
            try {
                if (p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    codes.add(p.exitValue());
                } else {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    codes.add(-9);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                codes.add(-9);
            }
        }
        return codes;
    }

    /** Stops the processes if they still run (SIGTERM, 30 s grace). */
    @Override
    public void close() {
        if (processes.stream().anyMatch(Process::isAlive)) {
            stop(Duration.ofSeconds(30));
        }
    }
}
