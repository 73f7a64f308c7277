package org.ebc.hardware.modbus;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.LongSupplier;
import org.ebc.hardware.MeterFault;
import org.tinylog.Logger;

/**
 * A minimal Modbus RTU master: function 0x04 (read input registers) over a {@link SerialLine}.
 *
 * <p>One request, one answer within {@code timeout} (first byte to last). What comes back is judged in
 * this order, and never throws:
 * <ol>
 *   <li>nothing at all → {@link MeterFault#TIMEOUT};</li>
 *   <li>fewer bytes than the frame needs, another unit's address, another function, a byte count that does
 *       not match the request → {@link MeterFault#MALFORMED_FRAME};</li>
 *   <li>a complete frame whose CRC does not match → {@link MeterFault#CRC_ERROR};</li>
 *   <li>a valid exception frame (function 0x84) → {@link MeterFault#EXCEPTION_RESPONSE}, not retried: the
 *       device understood and refused, asking again gets the same answer;</li>
 *   <li>an I/O error of the port → {@link MeterFault#DISCONNECTED}, not retried.</li>
 * </ol>
 * Timeouts, malformed frames and CRC errors are retried up to {@code retries} times, after letting the line
 * fall silent for the inter-frame gap so that the rest of a garbled answer cannot be mistaken for the next
 * one. The last failure is returned.
 *
 * <p>Not thread-safe: Modbus RTU is one request at a time on the bus; one master owns one line.
 */
public final class ModbusRtuMaster {
    static final int READ_INPUT_REGISTERS = 0x04;
    /** Largest count of one 0x04 request per the Modbus specification (125 registers = 250 data bytes). */
    static final int MAX_REGISTERS = 125;
    /** Bytes to throw away at most while waiting for silence: a babbling line must not stall the master. */
    private static final int MAX_DRAIN_BYTES = 4096;

    private final SerialLine line;
    private final Duration timeout;
    private final int retries;
    private final Duration interFrameGap;
    private final LongSupplier nanoTime;

    /**
     * @param timeout       the whole answer must arrive within this time after the request is sent
     * @param retries       further attempts after a timeout, malformed frame or CRC error (0 = one attempt)
     * @param interFrameGap the RTU silence that ends a frame (3.5 character times; 1.75 ms above 19200 baud)
     * @param nanoTime      monotonic clock for the deadline
     */
    public ModbusRtuMaster(
            SerialLine line, Duration timeout, int retries, Duration interFrameGap, LongSupplier nanoTime) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
        this.line = line;
        this.timeout = timeout;
        this.retries = retries;
        this.interFrameGap = interFrameGap;
        this.nanoTime = nanoTime;
    }

    /** The request frame for function 0x04, with CRC. */
    static byte[] readInputRegistersRequest(int unitId, int address, int count) {
        return Crc16Modbus.append(new byte[] {
            (byte) unitId,
            READ_INPUT_REGISTERS,
            (byte) (address >>> 8),
            (byte) address,
            (byte) (count >>> 8),
            (byte) count
        });
    }

    /** Reads {@code count} input registers starting at {@code address} from unit {@code unitId} (1…247). */
    public ModbusReply readInputRegisters(int unitId, int address, int count) {
        if (unitId < 1
                || unitId > 247
                || address < 0
                || address > 0xFFFF
                || count < 1
                || count > MAX_REGISTERS
                || address + count > 0x10000) {
            throw new IllegalArgumentException(
                    "bad request: unit " + unitId + " address " + address + " count " + count);
        }
        byte[] request = readInputRegistersRequest(unitId, address, count);
        ModbusReply.Failure last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            ModbusReply reply;
            try {
                if (attempt > 0) {
                    waitForSilence();
                }
                line.discardInput();
                line.write(request);
                reply = receive(unitId, address, count);
            } catch (IOException e) {
                return new ModbusReply.Failure(MeterFault.DISCONNECTED, line.name() + ": " + e.getMessage());
            }
            if (reply instanceof ModbusReply.Failure f && f.fault() != MeterFault.EXCEPTION_RESPONSE) {
                last = f;
                Logger.debug(
                        "Modbus {} unit {} 0x{}: attempt {} of {} failed: {}",
                        line.name(),
                        unitId,
                        hex16(address),
                        attempt + 1,
                        retries + 1,
                        f.detail());
                continue;
            }
            return reply;
        }
        return new ModbusReply.Failure(last.fault(), last.detail() + " (after " + (retries + 1) + " attempts)");
    }

    private ModbusReply receive(int unitId, int address, int count) throws IOException {
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        String what = line.name() + " unit " + unitId + " registers 0x" + hex16(address) + "+" + count;
        byte[] frame = new byte[5 + 2 * count];
        int got = readUntil(frame, 0, 3, deadline);
        if (got == 0) {
            return new ModbusReply.Failure(
                    MeterFault.TIMEOUT, what + ": no answer within " + timeout.toMillis() + " ms");
        }
        if (got < 3) {
            return malformed(what, "short frame", frame, got);
        }
        if ((frame[0] & 0xFF) != unitId) {
            return malformed(what, "answer from unit " + (frame[0] & 0xFF), frame, got);
        }
        int function = frame[1] & 0xFF;
        if (function == (READ_INPUT_REGISTERS | 0x80)) {
            got += readUntil(frame, 3, 2, deadline);
            if (got < 5) {
                return malformed(what, "short exception frame", frame, got);
            }
            if (!Crc16Modbus.matches(frame, 5)) {
                return new ModbusReply.Failure(
                        MeterFault.CRC_ERROR, what + ": CRC mismatch in exception frame " + hex(frame, 5));
            }
            int code = frame[2] & 0xFF;
            return new ModbusReply.Failure(
                    MeterFault.EXCEPTION_RESPONSE, what + ": exception " + code + " (" + exceptionName(code) + ")");
        }
        if (function != READ_INPUT_REGISTERS) {
            return malformed(what, "unexpected function 0x" + Integer.toHexString(function), frame, got);
        }
        int byteCount = frame[2] & 0xFF;
        if (byteCount != 2 * count) {
            return malformed(what, "byte count " + byteCount + " for " + count + " registers", frame, got);
        }
        got += readUntil(frame, 3, byteCount + 2, deadline);
        if (got < frame.length) {
            return malformed(what, "short frame: " + got + " of " + frame.length + " bytes", frame, got);
        }
        if (!Crc16Modbus.matches(frame, frame.length)) {
            return new ModbusReply.Failure(
                    MeterFault.CRC_ERROR, what + ": CRC mismatch in " + hex(frame, frame.length));
        }
        return new ModbusReply.Registers(
                new RegisterBlock(address, java.util.Arrays.copyOfRange(frame, 3, 3 + byteCount)));
    }

    /** Reads until {@code length} bytes arrived or the deadline passed; returns how many arrived. */
    private int readUntil(byte[] buffer, int offset, int length, long deadline) throws IOException {
        int total = 0;
        while (total < length) {
            long remaining = deadline - nanoTime.getAsLong();
            if (remaining <= 0) {
                break;
            }
            int n = line.read(buffer, offset + total, length - total, Duration.ofNanos(remaining));
            if (n <= 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private void waitForSilence() throws IOException {
        byte[] sink = new byte[256];
        int drained = 0;
        while (drained < MAX_DRAIN_BYTES) {
            int n = line.read(sink, 0, sink.length, interFrameGap);
            if (n <= 0) {
                return;
            }
            drained += n;
        }
    }

    private static ModbusReply.Failure malformed(String what, String why, byte[] frame, int length) {
        return new ModbusReply.Failure(MeterFault.MALFORMED_FRAME, what + ": " + why + " " + hex(frame, length));
    }

    static String exceptionName(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "server device failure";
            case 5 -> "acknowledge";
            case 6 -> "server device busy";
            case 8 -> "memory parity error";
            case 10 -> "gateway path unavailable";
            case 11 -> "gateway target failed to respond";
            default -> "unknown";
        };
    }

    private static String hex16(int value) {
        return String.format("%04X", value);
    }

    private static String hex(byte[] data, int length) {
        return "[" + HexFormat.ofDelimiter(" ").formatHex(data, 0, length) + "]";
    }
}
