package org.ebc.agent.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent as a real process: {@code java -jar target/meter-agent.jar run --config …}, output appended to a
 * log file. Fails (never skips) if the jar has not been built.
 */
public final class AgentProcess implements AutoCloseable {
    private final Process process;

    private AgentProcess(Process process) {
        this.process = process;
    }

    public static Path jar() {
        Path jar = Path.of("target", "meter-agent.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("this test runs the packaged agent, but " + jar
                    + " is missing: run it with `mvn -pl meter-agent verify` " + "(failsafe runs after package)");
        }
        return jar;
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static AgentProcess start(Path log, List<String> jvmFlags, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmFlags);
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(List.of(args));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new AgentProcess(p);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and wait until the process is gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("agent process " + process.pid() + " survived SIGKILL for 20 s");
        }
    }

    /** Waits up to 30 s for the process to exit by itself; its exit code. */
    public int terminateOrExitCode() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            return terminate();
        }
        return process.exitValue();
    }

    /** SIGTERM, and the exit code once it has stopped. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("agent process " + process.pid() + " did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Kills the process if the test left it running (SIGKILL, not waited for beyond 20 s). */
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
