package org.ebc.hardware.s0;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.ebc.config.ConfigException;
import org.ebc.hardware.Direction;
import org.ebc.hardware.EnergyMeter;
import org.ebc.hardware.MeterFault;
import org.ebc.hardware.MeterRead;
import org.ebc.hardware.MeterSnapshot;
import org.ebc.hardware.RegisterBase;
import org.ebc.units.Energy;
import org.ebc.units.MeterSerial;
import org.ebc.units.Power;
import org.tinylog.Logger;

/**
 * An S0 pulse meter on one or two Pi4J digital inputs (import, optional export).
 *
 * <p>Registers count from driver start ({@link RegisterBase#SINCE_DRIVER_START}). Power is the import
 * estimate minus the export estimate, in W (positive = import).
 *
 * <p>Faults: if pulses arrived faster than {@code meter.s0.max-pulse-rate-hz} since the previous read, that
 * read returns {@link MeterFault#IMPLAUSIBLE} naming how many and the shortest interval; those pulses are in
 * the register (it counts what the wire carried), and the following read returns the registers again. After
 * {@link #close()}, reads return {@link MeterFault#DISCONNECTED}.
 *
 * <p>Thread-safety: Pi4J delivers level changes on its own threads (gpiod: one listener thread per line;
 * mock: the thread calling {@code mockState}); each input's {@link S0Channel} is synchronized, so reads from
 * any thread see a consistent register that never goes backwards.
 */
public final class S0Meter implements EnergyMeter {
    private final MeterSerial serial;
    private final S0Config config;
    private final Context pi4j;
    private final Map<Direction, DigitalInput> inputs = new EnumMap<>(Direction.class);
    private final Map<Direction, S0Channel> channels = new EnumMap<>(Direction.class);
    private final Map<Direction, DigitalStateChangeListener> listeners = new EnumMap<>(Direction.class);
    private volatile boolean closed;

    private S0Meter(MeterSerial serial, S0Config config, Context pi4j) {
        this.serial = serial;
        this.config = config;
        this.pi4j = pi4j;
    }

    /**
     * Claims the configured GPIO lines and starts counting.
     *
     * @throws ConfigException naming {@code meter.s0.import.pin} or {@code meter.s0.export.pin} if a line
     *                         cannot be claimed
     * @param nanoTime monotonic time source in ns ({@code System::nanoTime} in production; tests drive a
     *                 virtual clock)
     */
    public static S0Meter open(MeterSerial serial, S0Config config, Context pi4j, LongSupplier nanoTime) {
        S0Meter meter = new S0Meter(serial, config, pi4j);
        try {
            meter.attach(Direction.IMPORT, S0Config.IMPORT_PIN, config.importPin(), nanoTime);
            if (config.exportPin().isPresent()) {
                meter.attach(
                        Direction.EXPORT,
                        S0Config.EXPORT_PIN,
                        config.exportPin().getAsInt(),
                        nanoTime);
            }
        } catch (RuntimeException e) {
            meter.close();
            throw e;
        }
        Logger.info(
                "S0 meter {} open: import GPIO {}, export {}, {}, debounce {} µs, max {} Hz, pull {}, active {}",
                serial,
                config.importPin(),
                config.exportPin().isPresent() ? "GPIO " + config.exportPin().getAsInt() : "none",
                config.constant(),
                config.debounce().toNanos() / 1000,
                config.maxPulseRateHz(),
                config.pull(),
                config.activeHigh() ? "high" : "low");
        return meter;
    }

    private void attach(Direction direction, String pinKey, int pin, LongSupplier nanoTime) {
        String name = direction.name().toLowerCase(java.util.Locale.ROOT);
        DigitalInput input;
        try {
            // Pi4J's own debounce (gpiod drops edges inside it) is switched off: this driver must see every
            // edge to judge bounce with its own timestamps, and a dropped release edge would merge two pulses.
            // The id carries the serial so that several meters can share one context (one per agent).
            input = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                    .id("ebc-s0-" + name + "-" + serial)
                    .name("S0 " + name + " of meter " + serial)
                    .address(pin)
                    .pull(config.pull())
                    .debounce(0L));
        } catch (RuntimeException e) {
            // pin already claimed (by another meter of this process or another program), no permission, …
            throw new ConfigException(
                    pinKey,
                    String.valueOf(pin),
                    "cannot claim GPIO " + pin + " for the S0 " + name + " input of meter " + serial + ": "
                            + e.getMessage());
        }
        inputs.put(direction, input);
        DigitalState active = config.activeHigh() ? DigitalState.HIGH : DigitalState.LOW;
        S0Channel channel = new S0Channel(
                direction,
                config.constant(),
                config.debounce().toNanos(),
                config.minPulseIntervalNanos(),
                nanoTime,
                input.state() == active);
        channels.put(direction, channel);
        DigitalStateChangeListener listener = event -> {
            DigitalState state = event.state();
            if (state == DigitalState.HIGH || state == DigitalState.LOW) {
                channel.onLevel(state == active);
            }
        };
        listeners.put(direction, listener);
        input.addListener(listener);
    }

    @Override
    public MeterSerial serial() {
        return serial;
    }

    @Override
    public MeterRead read() {
        if (closed) {
            return new MeterRead.Failed(MeterFault.DISCONNECTED, "S0 meter " + serial + " is closed");
        }
        List<String> implausible = new ArrayList<>();
        Map<Direction, S0Channel.Reading> readings = new EnumMap<>(Direction.class);
        for (S0Channel channel : channels.values()) {
            S0Channel.Reading r = channel.reading();
            readings.put(channel.direction(), r);
            if (r.implausibleSinceLastRead() > 0) {
                implausible.add(r.implausibleSinceLastRead() + " "
                        + channel.direction().name().toLowerCase(java.util.Locale.ROOT)
                        + " pulses faster than " + S0Config.MAX_PULSE_RATE_HZ + "=" + config.maxPulseRateHz()
                        + " (shortest interval " + r.shortestIntervalNanos() / 1000 + " µs, "
                        + r.implausibleTotal() + " since start)");
            }
        }
        if (!implausible.isEmpty()) {
            String detail =
                    "S0 meter " + serial + ": " + String.join("; ", implausible) + "; they are counted in the register";
            Logger.debug(detail); // the caller logs each failed read once
            return new MeterRead.Failed(MeterFault.IMPLAUSIBLE, detail);
        }
        S0Channel.Reading imp = readings.get(Direction.IMPORT);
        S0Channel.Reading exp = readings.get(Direction.EXPORT);
        Energy exportEnergy = exp == null ? Energy.ZERO : exp.energy();
        Power power = exp == null
                ? imp.power()
                : Power.ofWatts(imp.power().watts() - exp.power().watts());
        return new MeterRead.Ok(new MeterSnapshot(imp.energy(), exportEnergy, power, RegisterBase.SINCE_DRIVER_START));
    }

    /** The Pi4J input of {@code direction}, if configured (the simulator drives these on the mock platform). */
    public Optional<DigitalInput> input(Direction direction) {
        return Optional.ofNullable(inputs.get(direction));
    }

    /** Debounced pulses counted on {@code direction} since start (0 if that input is not configured). */
    public long pulses(Direction direction) {
        S0Channel channel = channels.get(direction);
        return channel == null ? 0 : channel.pulses();
    }

    public S0Config config() {
        return config;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Map.Entry<Direction, DigitalInput> e : inputs.entrySet()) {
            DigitalStateChangeListener listener = listeners.get(e.getKey());
            try {
                if (listener != null) {
                    e.getValue().removeListener(listener);
                }
                pi4j.shutdown(e.getValue().id());
            } catch (RuntimeException ex) {
                // Closing must release the other input even if one is already gone.
                Logger.warn(
                        "S0 meter {}: releasing GPIO {} failed: {}",
                        serial,
                        e.getValue().address(),
                        ex.getMessage());
            }
        }
        Logger.info("S0 meter {} closed", serial);
    }
}
