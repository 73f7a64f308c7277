package org.ebc.gateway.consortium.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program running inside one host's network namespace ({@code ip netns exec}, which execs the program, so
 * this is the program's own process), its stdout and stderr in files. Stopped by {@link #close()} and, if
 * the test forgets, by the mesh when it closes. Thread-safe.
 */
public final class HostProcess implements AutoCloseable {
    private final String name;
    private final List<String> command;
    private final Path stdout;
    private final Path stderr;
    private final Process process;

    HostProcess(String name, List<String> command, Path stdout, Path stderr, Process process) {
        this.name = name;
        this.command = List.copyOf(command);
        this.stdout = stdout;
        this.stderr = stderr;
        this.process = process;
    }

    public String name() {
        return name;
    }

    /** The command as started, {@code ip netns exec <ns>} included. */
    public List<String> command() {
        return command;
    }

    public Path stdout() {
        return stdout;
    }

    public Path stderr() {
        return stderr;
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the program has written to stdout so far. */
    public String output() {
        return read(stdout);
    }

    /** What the program has written to stderr so far. */
    public String errors() {
        return read(stderr);
    }

    /** SIGKILL, then waits for the process to be gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM (a clean stop); SIGKILL after {@code graceSeconds}. Returns the exit code. */
    public int stop(long graceSeconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop(5);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + " " + command;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
