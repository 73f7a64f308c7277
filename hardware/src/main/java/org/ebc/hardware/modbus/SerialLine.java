package org.ebc.hardware.modbus;

import java.io.IOException;
import java.time.Duration;

/**
 * The port a Modbus RTU master talks through: a half-duplex byte line (RS-485). Implementations:
 * {@link TtySerialLine} (a Linux serial device), {@link Pi4jSerialLine} (a Pi4J {@code Serial}), and in
 * tests a scripted bus fake. Not thread-safe: one master owns a line.
 */
public interface SerialLine extends AutoCloseable {

    /** The device or fake name, for log lines. */
    String name();

    /** Throws away any bytes already received (late answers to an earlier request, line noise). */
    void discardInput() throws IOException;

    /** Sends one complete frame. */
    void write(byte[] frame) throws IOException;

    /**
     * Reads up to {@code length} bytes, waiting at most {@code timeout} for the first one.
     *
     * @return the number of bytes read, 0 if nothing arrived within {@code timeout}
     * @throws IOException if the line is gone (unplugged adapter, closed port)
     */
    int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException;

    /** Releases the port. Idempotent. */
    @Override
    void close();
}
