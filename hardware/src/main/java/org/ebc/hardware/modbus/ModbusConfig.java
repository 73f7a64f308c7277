package org.ebc.hardware.modbus;

import java.time.Duration;
import java.util.Set;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;

/**
 * How a Modbus RTU meter is reached. Immutable.
 *
 * <p>Keys (all under {@code meter.modbus.}):
 * <ul>
 *   <li>{@code device} (required): the serial device, e.g. {@code /dev/ttyAMA0}, {@code /dev/serial0},
 *       {@code /dev/ttyUSB0}.</li>
 *   <li>{@code transport} = {@code tty} | {@code pi4j} (default {@code tty}): {@code tty} opens the Linux
 *       serial device directly (works on every Pi and USB adapter); {@code pi4j} asks the Pi4J context for
 *       a {@code Serial} (needs a context with a serial provider; the mock one is a loopback).</li>
 *   <li>{@code model} = {@code sdm630} | {@code sdm120} (default {@code sdm630}): the register map.</li>
 *   <li>{@code baud} (default 9600): 1200, 2400, 4800, 9600, 19200 or 38400; must match the meter's setting
 *       (SDM630 factory default 9600, SDM120 factory default 2400).</li>
 *   <li>{@code parity} = {@code none} | {@code even} | {@code odd} (default {@code none}), 8 data bits.</li>
 *   <li>{@code stop-bits} = 1 | 2 (default 1).</li>
 *   <li>{@code unit-id} (default 1): the meter's Modbus address, 1…247.</li>
 *   <li>{@code timeout} (default {@code 500ms}, 50 ms…10 s): the whole answer must arrive within it.</li>
 *   <li>{@code retries} (default 2, 0…10): further attempts after a timeout, CRC error or malformed frame.</li>
 * </ul>
 */
public record ModbusConfig(
        String device,
        Transport transport,
        SdmRegisterMap registerMap,
        int baud,
        Parity parity,
        int stopBits,
        int unitId,
        Duration timeout,
        int retries) {

    public static final String DEVICE = "meter.modbus.device";
    public static final String TRANSPORT = "meter.modbus.transport";
    public static final String MODEL = "meter.modbus.model";
    public static final String BAUD = "meter.modbus.baud";
    public static final String PARITY = "meter.modbus.parity";
    public static final String STOP_BITS = "meter.modbus.stop-bits";
    public static final String UNIT_ID = "meter.modbus.unit-id";
    public static final String TIMEOUT = "meter.modbus.timeout";
    public static final String RETRIES = "meter.modbus.retries";

    private static final Set<Integer> BAUD_RATES = Set.of(1200, 2400, 4800, 9600, 19200, 38400);

    public enum Transport {
        TTY,
        PI4J
    }

    public enum Parity {
        NONE,
        EVEN,
        ODD
    }

    private enum Model {
        SDM630,
        SDM120
    }

    public ModbusConfig {
        if (!BAUD_RATES.contains(baud)) {
            throw new IllegalArgumentException("unsupported baud rate " + baud);
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stop bits must be 1 or 2: " + stopBits);
        }
        if (unitId < 1 || unitId > 247) {
            throw new IllegalArgumentException("unit id must be 1..247: " + unitId);
        }
    }

    public static Set<String> knownKeys() {
        return Set.of(DEVICE, TRANSPORT, MODEL, BAUD, PARITY, STOP_BITS, UNIT_ID, TIMEOUT, RETRIES);
    }

    /** Reads the {@code meter.modbus.*} keys; every error names the key and the bad value. */
    public static ModbusConfig fromSettings(Settings settings) {
        String device = settings.requireString(DEVICE);
        Transport transport = settings.enumValue(TRANSPORT, Transport.TTY, Transport.class);
        SdmRegisterMap map = settings.enumValue(MODEL, Model.SDM630, Model.class) == Model.SDM630
                ? SdmRegisterMap.SDM630
                : SdmRegisterMap.SDM120;
        int baud = settings.intValue(BAUD, 9600, 1200, 38400);
        if (!BAUD_RATES.contains(baud)) {
            throw new ConfigException(
                    BAUD, String.valueOf(baud), "expected one of 1200, 2400, 4800, 9600, 19200, 38400");
        }
        Parity parity = settings.enumValue(PARITY, Parity.NONE, Parity.class);
        int stopBits = settings.intValue(STOP_BITS, 1, 1, 2);
        int unitId = settings.intValue(UNIT_ID, 1, 1, 247);
        Duration timeout =
                settings.duration(TIMEOUT, Duration.ofMillis(500), Duration.ofMillis(50), Duration.ofSeconds(10));
        int retries = settings.intValue(RETRIES, 2, 0, 10);
        return new ModbusConfig(device, transport, map, baud, parity, stopBits, unitId, timeout, retries);
    }

    /**
     * The silence that ends an RTU frame: 3.5 character times, or a fixed 1.75 ms above 19200 baud (Modbus
     * over serial line, §2.5.1.1).
     */
    public Duration interFrameGap() {
        if (baud > 19200) {
            return Duration.ofNanos(1_750_000);
        }
        int bitsPerChar = 1 + 8 + (parity == Parity.NONE ? 0 : 1) + stopBits;
        return Duration.ofNanos(7L * bitsPerChar * 1_000_000_000L / (2L * baud));
    }
}
