package org.ebc.hardware.modbus;

import com.pi4j.context.Context;
import com.pi4j.io.serial.Serial;
import com.pi4j.io.serial.StopBits;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.tinylog.Logger;

/**
 * A Pi4J {@link Serial} as a {@link SerialLine} ({@code meter.modbus.transport=pi4j}): for contexts that
 * carry a serial provider. Pi4J's mock serial is a loopback (what is written is read back), useful only to
 * check the plumbing; on a real board use {@link TtySerialLine} unless a serial-capable plugin is added.
 *
 * <p>Pi4J's {@code Serial} has no read with timeout, so {@link #read} polls {@code available()} every
 * 0.5 ms until a byte arrives or the timeout passes. Pi4J runtime exceptions become {@link IOException}s,
 * which the master reports as {@link org.ebc.hardware.MeterFault#DISCONNECTED}.
 *
 * <p>Pi4J 3.0.3 marks {@code com.pi4j.io.serial.Serial} for removal (its only real-board provider was the
 * pigpio plugin). The warning is suppressed here, in the one class that touches that API, so that the rest
 * of the module does not depend on it; {@link TtySerialLine} is the default for real boards.
 *
 * <p>Not thread-safe: owned by one {@link ModbusRtuMaster}.
 */
@SuppressWarnings("removal")
public final class Pi4jSerialLine implements SerialLine {
    private static final long POLL_NANOS = 500_000;

    private final Context pi4j;
    private final Serial serial;
    private boolean closed;

    private Pi4jSerialLine(Context pi4j, Serial serial) {
        this.pi4j = pi4j;
        this.serial = serial;
    }

    public static Pi4jSerialLine open(Context pi4j, ModbusConfig config) {
        Serial serial = pi4j.create(Serial.newConfigBuilder(pi4j)
                .id(idFor(config))
                .name("Modbus RTU " + config.device())
                .device(config.device())
                .baud(config.baud())
                .dataBits_8()
                .parity(
                        switch (config.parity()) {
                            case NONE -> com.pi4j.io.serial.Parity.NONE;
                            case EVEN -> com.pi4j.io.serial.Parity.EVEN;
                            case ODD -> com.pi4j.io.serial.Parity.ODD;
                        })
                .stopBits(config.stopBits() == 2 ? StopBits._2 : StopBits._1)
                .flowNone());
        if (!serial.isOpen()) {
            serial.open();
        }
        return new Pi4jSerialLine(pi4j, serial);
    }

    /** The Pi4J IO id of the port of {@code config}: one per device within a context. */
    public static String idFor(ModbusConfig config) {
        return "ebc-modbus-" + config.device();
    }

    @Override
    public String name() {
        return "pi4j:" + serial.config().device();
    }

    @Override
    public void discardInput() throws IOException {
        try {
            serial.drain();
        } catch (RuntimeException e) {
            throw new IOException(name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] frame) throws IOException {
        try {
            int written = serial.write(frame, 0, frame.length);
            if (written != frame.length) {
                throw new IOException(name() + ": wrote " + written + " of " + frame.length + " bytes");
            }
        } catch (RuntimeException e) {
            throw new IOException(name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                int available = serial.available();
                if (available > 0) {
                    return Math.max(0, serial.read(buffer, offset, Math.min(length, available)));
                }
                if (System.nanoTime() - deadline >= 0) {
                    return 0;
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        } catch (RuntimeException e) {
            throw new IOException(name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pi4j.shutdown(serial.id());
        } catch (RuntimeException e) {
            Logger.warn("closing {} failed: {}", name(), e.getMessage());
        }
    }
}
