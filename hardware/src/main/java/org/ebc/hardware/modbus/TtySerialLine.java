package org.ebc.hardware.modbus;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.tinylog.Logger;

/**
 * A Linux serial device ({@code /dev/ttyAMA0}, {@code /dev/ttyUSB0}, …) as a {@link SerialLine}, for real
 * boards. Pi4J 3.0.3's gpiod and linuxfs plugins have no serial provider (only the pigpio plugin has one,
 * which needs root and does not support the Pi 5), so the line is opened directly: {@code stty} sets raw
 * mode, speed, parity and stop bits, then the device is read and written as a file. Needs only membership
 * of the {@code dialout} group.
 *
 * <p>Java cannot wait on a file descriptor with a timeout, so {@link #read} polls {@code available()}
 * (FIONREAD) every 0.5 ms — less than one character time at 9600 baud — until a byte arrives or the timeout
 * passes. {@code clocal} and {@code -hupcl} keep a vanished modem-control line from hanging up the port.
 *
 * <p>Not thread-safe: owned by one {@link ModbusRtuMaster}.
 */
public final class TtySerialLine implements SerialLine {
    private static final long POLL_NANOS = 500_000;

    private final String device;
    private final FileInputStream in;
    private final FileOutputStream out;
    private boolean closed;

    private TtySerialLine(String device, FileInputStream in, FileOutputStream out) {
        this.device = device;
        this.in = in;
        this.out = out;
    }

    /** Configures and opens {@code config.device()}. */
    public static TtySerialLine open(ModbusConfig config) throws IOException {
        List<String> command = sttyCommand(config);
        Process stty = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!stty.waitFor(5, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                throw new IOException("stty did not finish within 5 s: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stty.destroyForcibly();
            throw new IOException("interrupted while configuring " + config.device(), e);
        }
        String output = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (stty.exitValue() != 0) {
            throw new IOException("cannot configure " + config.device() + ": " + output);
        }
        FileInputStream in = new FileInputStream(config.device());
        FileOutputStream out;
        try {
            out = new FileOutputStream(config.device());
        } catch (IOException e) {
            in.close();
            throw e;
        }
        Logger.debug("serial line {} configured: {}", config.device(), String.join(" ", command));
        return new TtySerialLine(config.device(), in, out);
    }

    /** The {@code stty} invocation for {@code config}: raw 8-bit, no flow control, non-blocking reads. */
    static List<String> sttyCommand(ModbusConfig config) {
        List<String> c = new ArrayList<>(List.of("stty", "-F", config.device(), String.valueOf(config.baud()), "cs8"));
        switch (config.parity()) {
            case NONE -> c.add("-parenb");
            case EVEN -> c.addAll(List.of("parenb", "-parodd"));
            case ODD -> c.addAll(List.of("parenb", "parodd"));
        }
        c.add(config.stopBits() == 2 ? "cstopb" : "-cstopb");
        c.addAll(List.of(
                "raw",
                "-echo",
                "-echoe",
                "-echok",
                "-ixon",
                "-ixoff",
                "-crtscts",
                "clocal",
                "-hupcl",
                "min",
                "0",
                "time",
                "0"));
        return c;
    }

    @Override
    public String name() {
        return device;
    }

    @Override
    public void discardInput() throws IOException {
        int available;
        while ((available = in.available()) > 0) {
            if (in.skip(available) <= 0) {
                return;
            }
        }
    }

    @Override
    public void write(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int available = in.available();
            if (available > 0) {
                int n = in.read(buffer, offset, Math.min(length, available));
                return Math.max(n, 0);
            }
            if (System.nanoTime() - deadline >= 0) {
                return 0;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            in.close();
            out.close();
        } catch (IOException e) {
            Logger.warn("closing serial line {} failed: {}", device, e.getMessage());
        }
    }
}
