package org.ebc.hardware;

import com.pi4j.context.Context;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.hardware.modbus.ModbusConfig;
import org.ebc.hardware.modbus.ModbusMeter;
import org.ebc.hardware.modbus.Pi4jSerialLine;
import org.ebc.hardware.modbus.SerialLine;
import org.ebc.hardware.modbus.TtySerialLine;
import org.ebc.hardware.pi4j.Pi4jContexts;
import org.ebc.hardware.s0.S0Config;
import org.ebc.hardware.s0.S0Meter;
import org.ebc.hardware.sim.SimulatedMeter;
import org.ebc.hardware.sim.SimulationConfig;
import org.ebc.units.MeterSerial;

/**
 * Builds the meter named by the configuration. Keys read here:
 * <ul>
 *   <li>{@code meter.type} (required) = {@code s0} | {@code modbus} | {@code simulated}</li>
 *   <li>{@code meter.serial} (required): the meter's serial number (OCMF {@code MS}), 1–64 characters of
 *       {@code [A-Za-z0-9._-]}</li>
 * </ul>
 * and, by type, the keys of {@link S0Config} ({@code meter.s0.*}; also used by {@code simulated}),
 * {@link ModbusConfig} ({@code meter.modbus.*}) and {@link SimulationConfig} ({@code sim.*}). The Pi4J
 * context comes from {@link Pi4jContexts#fromSettings} ({@code platform}, {@code platform.gpio-chip}).
 * {@link #knownKeys()} lists all of them, so that the agent can reject unknown keys; every key is shown with
 * its default in {@code hardware/src/deploy/meter.properties.sample}.
 *
 * <p>Ownership: the caller owns {@code pi4j} and shuts it down after closing the meter. Several meters may
 * share one context (one per agent in a process) as long as their GPIO pins and serial devices differ; a
 * clash is a {@link ConfigException} naming the pin or device key.
 */
public final class EnergyMeters {
    public static final String TYPE = "meter.type";
    public static final String SERIAL = "meter.serial";

    /** The meter kinds of {@code meter.type}. */
    public enum Type {
        S0,
        MODBUS,
        SIMULATED
    }

    private EnergyMeters() {}

    /**
     * Opens the configured meter on {@code pi4j}.
     *
     * @throws ConfigException for a missing or bad key, naming it and the value, or when the configured
     *                         device cannot be opened (naming the key that chose it)
     */
    public static EnergyMeter open(Settings settings, Context pi4j) {
        if (settings.optional(TYPE).isEmpty()) {
            throw new ConfigException(TYPE, "", "a value is required: s0, modbus or simulated");
        }
        Type type = settings.enumValue(TYPE, Type.S0, Type.class);
        String serialText = settings.requireString(SERIAL);
        if (!MeterSerial.isValid(serialText)) {
            throw new ConfigException(
                    SERIAL, serialText, "1-64 characters of [A-Za-z0-9._-], not starting with . or -");
        }
        MeterSerial serial = MeterSerial.of(serialText);
        return switch (type) {
            case S0 -> S0Meter.open(serial, S0Config.fromSettings(settings), pi4j, System::nanoTime);
            case MODBUS -> {
                ModbusConfig config = ModbusConfig.fromSettings(settings);
                yield ModbusMeter.open(serial, config, openLine(config, pi4j), System::nanoTime);
            }
            case SIMULATED ->
                SimulatedMeter.open(
                        serial, S0Config.fromSettings(settings), SimulationConfig.fromSettings(settings), pi4j);
        };
    }

    private static SerialLine openLine(ModbusConfig config, Context pi4j) {
        try {
            return switch (config.transport()) {
                case TTY -> TtySerialLine.open(config);
                case PI4J -> Pi4jSerialLine.open(pi4j, config);
            };
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(
                    ModbusConfig.DEVICE,
                    config.device(),
                    "cannot open over " + config.transport().name().toLowerCase(java.util.Locale.ROOT) + ": "
                            + e.getMessage());
        }
    }

    /** Every key the meter drivers, the simulator and the Pi4J context read. */
    public static Set<String> knownKeys() {
        Set<String> keys = new HashSet<>(Set.of(TYPE, SERIAL));
        keys.addAll(Pi4jContexts.knownKeys());
        keys.addAll(S0Config.knownKeys());
        keys.addAll(ModbusConfig.knownKeys());
        keys.addAll(SimulationConfig.knownKeys());
        return Set.copyOf(keys);
    }
}
