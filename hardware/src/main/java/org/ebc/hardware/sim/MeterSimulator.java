package org.ebc.hardware.sim;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.ebc.hardware.Direction;
import org.ebc.hardware.s0.PulseConstant;
import org.ebc.hardware.s0.S0Config;
import org.ebc.units.Energy;
import org.tinylog.Logger;

/**
 * Plays a {@link PulseSchedule} onto Pi4J mock digital inputs in (accelerated) real time, on its own daemon
 * thread, so that the S0 driver listening on those inputs counts them as it would count a real meter.
 *
 * <p>Timing: a pulse is due at {@code start + profileTime / acceleration} on the real monotonic clock (the
 * same clock the S0 driver stamps edges with). Each pulse stays on for twice the S0 debounce time and the
 * line stays off at least as long, and two leading edges are never closer than {@code 1 /
 * meter.s0.max-pulse-rate-hz} — measured from when the previous {@code mockState} call <em>returned</em> to
 * when the next one starts, so the driver sees at least these times however the threads are scheduled. If
 * the machine is too busy to keep up, pulses are delayed, never merged or dropped: the count stays exact and
 * only the power estimate suffers.
 *
 * <p>Thread-safety: the counters may be read from any thread. {@link #close()} finishes a pulse that is on
 * (so that no half pulse is left on the line), stops the thread and waits for it.
 */
public final class MeterSimulator implements AutoCloseable {
    private final SimulationConfig config;
    private final PulseConstant constant;
    private final Map<Direction, Line> lines = new EnumMap<>(Direction.class);
    private final Map<Direction, AtomicLong> emitted = new EnumMap<>(Direction.class);
    private final long pulseOnNanos;
    private final long minOffNanos;
    private final long minPeriodNanos;
    private final LongSupplier nanoTime;
    private final PulseSchedule schedule;
    private final long limitProfileNanos;
    private final Thread thread;
    private final DigitalState activeLevel;
    private final DigitalState idleLevel;
    private volatile boolean stopping;
    private volatile boolean finished;

    /** One mock input and its timing state (touched only by the simulator thread). */
    private static final class Line {
        final MockDigitalInput input;
        long lastLeadingReturned = Long.MIN_VALUE;
        long lastTrailingReturned;

        Line(MockDigitalInput input) {
            this.input = input;
        }
    }

    private MeterSimulator(
            SimulationConfig config,
            LoadProfile profile,
            S0Config s0,
            MockDigitalInput importInput,
            Optional<MockDigitalInput> exportInput,
            LongSupplier nanoTime) {
        this.config = config;
        this.constant = s0.constant();
        this.nanoTime = nanoTime;
        this.pulseOnNanos = 2 * s0.debounce().toNanos();
        this.minOffNanos = 2 * s0.debounce().toNanos();
        this.minPeriodNanos = -Math.floorDiv(-1_000_000_000L, s0.maxPulseRateHz());
        this.activeLevel = s0.activeHigh() ? DigitalState.HIGH : DigitalState.LOW;
        this.idleLevel = s0.activeHigh() ? DigitalState.LOW : DigitalState.HIGH;
        lines.put(Direction.IMPORT, new Line(importInput));
        exportInput.ifPresent(in -> lines.put(Direction.EXPORT, new Line(in)));
        emitted.put(Direction.IMPORT, new AtomicLong());
        emitted.put(Direction.EXPORT, new AtomicLong());
        this.schedule = new PulseSchedule(profile, constant);
        this.limitProfileNanos = config.duration().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        this.thread = new Thread(this::run, "ebc-meter-simulator");
        this.thread.setDaemon(true);
    }

    /**
     * Starts playing pulses at once.
     *
     * @throws org.ebc.config.ConfigException if the pulse rate would exceed the S0 driver's limits, or the
     *                                        profile exports and there is no export input
     */
    public static MeterSimulator start(
            SimulationConfig config,
            S0Config s0,
            MockDigitalInput importInput,
            Optional<MockDigitalInput> exportInput,
            LongSupplier nanoTime) {
        config.requireFeasibleWith(s0);
        LoadProfile profile = config.profile()
                .create(config.seed(), config.peakWatts(), config.startTime().toSecondOfDay());
        return startUnchecked(config, profile, s0, importInput, exportInput, nanoTime);
    }

    /** As {@link #start}, with any profile and without the feasibility check (the pacing still holds). */
    static MeterSimulator startUnchecked(
            SimulationConfig config,
            LoadProfile profile,
            S0Config s0,
            MockDigitalInput importInput,
            Optional<MockDigitalInput> exportInput,
            LongSupplier nanoTime) {
        MeterSimulator sim = new MeterSimulator(config, profile, s0, importInput, exportInput, nanoTime);
        // Lines start idle, and the idle level must hold for the off time before the first pulse: the driver
        // only sees a leading edge once it has confirmed the line was off.
        for (Line line : sim.lines.values()) {
            line.input.mockState(sim.idleLevel);
            line.lastTrailingReturned = nanoTime.getAsLong();
        }
        sim.thread.start();
        Logger.info(
                "meter simulator started: profile {} seed {} peak {} W acceleration {}x start {} duration {}, up to {} pulses/s",
                config.profile().name().toLowerCase(java.util.Locale.ROOT),
                config.seed(),
                config.peakWatts(),
                config.acceleration(),
                config.startTime(),
                config.duration().map(Duration::toString).orElse("unlimited"),
                config.peakPulseRateHz(s0));
        return sim;
    }

    private void run() {
        long start = nanoTime.getAsLong();
        try {
            while (!stopping) {
                PulseSchedule.Pulse pulse = schedule.next(limitProfileNanos);
                if (pulse == null) {
                    break;
                }
                Line line = lines.get(pulse.direction());
                long due = Math.max(
                        start + pulse.profileNanos() / config.acceleration(), line.lastTrailingReturned + minOffNanos);
                if (line.lastLeadingReturned != Long.MIN_VALUE) {
                    due = Math.max(due, line.lastLeadingReturned + minPeriodNanos);
                }
                if (!parkUntil(due, true)) {
                    break;
                }
                line.input.mockState(activeLevel);
                line.lastLeadingReturned = nanoTime.getAsLong();
                parkUntil(line.lastLeadingReturned + pulseOnNanos, false);
                line.input.mockState(idleLevel);
                line.lastTrailingReturned = nanoTime.getAsLong();
                emitted.get(pulse.direction()).incrementAndGet();
            }
        } catch (RuntimeException e) {
            Logger.error("meter simulator stopped: {}", e.toString());
        } finally {
            finished = true;
            Logger.info(
                    "meter simulator finished: {} import and {} export pulses",
                    emitted.get(Direction.IMPORT).get(),
                    emitted.get(Direction.EXPORT).get());
        }
    }

    /** Waits until the real clock reaches {@code deadline}; false if stopping interrupted the wait. */
    private boolean parkUntil(long deadline, boolean abortOnStop) {
        long remaining;
        while ((remaining = deadline - nanoTime.getAsLong()) > 0) {
            if (abortOnStop && stopping) {
                return false;
            }
            LockSupport.parkNanos(this, remaining);
        }
        return !(abortOnStop && stopping);
    }

    /** Complete pulses put on {@code direction}'s input so far. */
    public long generatedPulses(Direction direction) {
        return emitted.get(direction).get();
    }

    /** The energy of those pulses, whole Wh rounded down (the same rule as the S0 register). */
    public Energy generatedEnergy(Direction direction) {
        return constant.energyOf(generatedPulses(direction));
    }

    /** True once the configured duration has been played or the simulator was closed. */
    public boolean isFinished() {
        return finished;
    }

    public SimulationConfig config() {
        return config;
    }

    @Override
    public void close() {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
