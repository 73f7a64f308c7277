package org.ebc.hardware.s0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.hardware.Direction;
import org.ebc.hardware.MeterFault;
import org.ebc.hardware.MeterRead;
import org.ebc.hardware.MeterSnapshot;
import org.ebc.hardware.RegisterBase;
import org.ebc.hardware.VirtualClock;
import org.ebc.hardware.pi4j.Pi4jContexts;
import org.ebc.units.MeterSerial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class S0MeterTest {
    private static final MeterSerial SERIAL = MeterSerial.of("S0-TEST-1");
    private static final Duration MS = Duration.ofMillis(1);

    private Context pi4j;
    private final VirtualClock clock = new VirtualClock();
    private S0Meter meter;

    @BeforeEach
    void mockPlatform() {
        pi4j = Pi4jContexts.mock();
    }

    @AfterEach
    void shutdown() {
        if (meter != null) {
            meter.close();
        }
        pi4j.shutdown();
    }

    private S0Meter open(Map<String, String> overrides) {
        Map<String, String> keys = new HashMap<>(Map.of(
                S0Config.IMPORT_PIN, "17",
                S0Config.PULL, "down",
                S0Config.IMPULSES_PER_KWH, "800",
                S0Config.DEBOUNCE, "5ms"));
        keys.putAll(overrides);
        meter = S0Meter.open(SERIAL, S0Config.fromSettings(Settings.of(keys)), pi4j, clock);
        return meter;
    }

    private PulseLine line(Direction direction) {
        MockDigitalInput input = (MockDigitalInput) meter.input(direction).orElseThrow();
        return new PulseLine(input, clock, meter.config().activeHigh());
    }

    private static MeterSnapshot ok(MeterRead read) {
        assertThat(read).isInstanceOf(MeterRead.Ok.class);
        return ((MeterRead.Ok) read).snapshot();
    }

    /** Generated energy computed independently of the driver: pulses × 1000 / (imp/kWh), exact, in Wh. */
    private static BigDecimal exactWh(long pulses, int impulsesPerKWh) {
        return BigDecimal.valueOf(pulses)
                .multiply(BigDecimal.valueOf(1000))
                .divide(BigDecimal.valueOf(impulsesPerKWh), 6, RoundingMode.UNNECESSARY);
    }

    @Test
    void hundredThousandPulsesAtFiftyHertzThroughMockGpioAreCountedExactly() {
        open(Map.of(S0Config.MAX_PULSE_RATE_HZ, "60"));
        PulseLine imp = line(Direction.IMPORT);
        long generated = 0;
        for (int i = 0; i < 100_000; i++) {
            imp.pulse(Duration.ofMillis(10), Duration.ofMillis(10)); // 50 Hz: 10 ms on, 10 ms off
            generated++;
        }

        MeterSnapshot s = ok(meter.read());

        assertThat(meter.pulses(Direction.IMPORT)).isEqualTo(generated);
        BigDecimal exact = exactWh(generated, 800);
        assertThat(exact.stripTrailingZeros().scale()).isLessThanOrEqualTo(0); // 100,000 × 1.25 Wh is whole
        assertThat(s.importEnergy().wh()).isEqualTo(exact.longValueExact());
        assertThat(s.exportEnergy().wh()).isZero();
        assertThat(s.base()).isEqualTo(RegisterBase.SINCE_DRIVER_START);
        // 1.25 Wh every 20 ms = 1.25 × 3600 / 0.02 W
        BigDecimal watts =
                new BigDecimal("1.25").multiply(BigDecimal.valueOf(3600)).divide(new BigDecimal("0.02"));
        assertThat(s.power().watts()).isEqualTo(watts.longValueExact());
    }

    @Test
    void theFractionOfAWattHourIsCarriedAcrossPulses() {
        open(Map.of());
        PulseLine imp = line(Direction.IMPORT);
        long[] seen = new long[7];
        for (int i = 1; i <= 6; i++) {
            imp.pulse(Duration.ofMillis(40), Duration.ofMillis(400));
            seen[i] = ok(meter.read()).importEnergy().wh();
        }
        // 1.25 Wh per pulse: 1.25, 2.5, 3.75, 5, 6.25, 7.5 → whole Wh rounded down, nothing lost
        for (int i = 1; i <= 6; i++) {
            assertThat(seen[i])
                    .isEqualTo(exactWh(i, 800).setScale(0, RoundingMode.FLOOR).longValueExact());
        }
        assertThat(seen).containsExactly(0, 1, 2, 3, 5, 6, 7);
    }

    @Test
    void contactBounceShorterThanTheDebounceTimeIsNotCounted() {
        open(Map.of());
        PulseLine imp = line(Direction.IMPORT);
        Duration us300 = Duration.ofNanos(300_000);
        for (int i = 0; i < 10; i++) {
            // a bouncing contact: three short makes and breaks before it settles, and two after release
            imp.on();
            imp.hold(us300);
            imp.off();
            imp.hold(us300);
            imp.on();
            imp.hold(us300);
            imp.off();
            imp.hold(us300);
            imp.on();
            imp.hold(Duration.ofMillis(40));
            imp.off();
            imp.hold(us300);
            imp.on();
            imp.hold(us300);
            imp.off();
            imp.hold(Duration.ofMillis(100));
        }
        assertThat(meter.pulses(Direction.IMPORT)).isEqualTo(10);

        imp.pulse(Duration.ofMillis(4), Duration.ofMillis(100)); // a 4 ms glitch: shorter than 5 ms debounce
        assertThat(meter.pulses(Direction.IMPORT)).isEqualTo(10);

        imp.on(); // a 1 ms drop-out in the middle of one long pulse does not split it into two
        imp.hold(Duration.ofMillis(20));
        imp.off();
        imp.hold(MS);
        imp.on();
        imp.hold(Duration.ofMillis(20));
        imp.off();
        imp.hold(Duration.ofMillis(100));
        assertThat(meter.pulses(Direction.IMPORT)).isEqualTo(11);
        assertThat(ok(meter.read()).importEnergy().wh())
                .isEqualTo(exactWh(11, 800).setScale(0, RoundingMode.FLOOR).longValueExact());
    }

    @Test
    void aPulseIsCountedWhileItIsStillOnOnceItHasOutlastedTheDebounce() {
        open(Map.of(S0Config.IMPULSES_PER_KWH, "1000"));
        PulseLine imp = line(Direction.IMPORT);
        imp.on();
        imp.hold(Duration.ofMillis(4));
        assertThat(ok(meter.read()).importEnergy().wh()).isZero();
        imp.hold(Duration.ofMillis(1));
        assertThat(ok(meter.read()).importEnergy().wh()).isEqualTo(1);
        imp.off();
        imp.hold(Duration.ofMillis(50));
        assertThat(ok(meter.read()).importEnergy().wh()).isEqualTo(1);
    }

    @Test
    void exportPulsesCountOnTheirOwnRegisterAndMakePowerNegative() {
        open(Map.of(S0Config.EXPORT_PIN, "27", S0Config.IMPULSES_PER_KWH, "1000"));
        PulseLine imp = line(Direction.IMPORT);
        PulseLine exp = line(Direction.EXPORT);
        for (int i = 0; i < 30; i++) {
            exp.pulse(Duration.ofMillis(50), Duration.ofMillis(950)); // 1 Wh per second = 3600 W export
        }
        MeterSnapshot s = ok(meter.read());
        assertThat(s.exportEnergy().wh()).isEqualTo(30);
        assertThat(s.importEnergy().wh()).isZero();
        assertThat(s.power().watts()).isEqualTo(-3600);

        for (int i = 0; i < 5; i++) {
            imp.pulse(Duration.ofMillis(50), Duration.ofMillis(1950)); // 1 Wh per 2 s = 1800 W import
        }
        s = ok(meter.read());
        assertThat(s.importEnergy().wh()).isEqualTo(5);
        assertThat(s.exportEnergy().wh()).isEqualTo(30);
        assertThat(meter.pulses(Direction.EXPORT)).isEqualTo(30);
    }

    @Test
    void powerFallsTowardsZeroWhenPulsesStop() {
        open(Map.of(S0Config.IMPULSES_PER_KWH, "1000"));
        PulseLine imp = line(Direction.IMPORT);
        assertThat(ok(meter.read()).power().watts()).isZero();
        for (int i = 0; i < 3; i++) {
            imp.pulse(Duration.ofMillis(50), Duration.ofMillis(950));
        }
        assertThat(ok(meter.read()).power().watts()).isEqualTo(3600);
        clock.advance(Duration.ofSeconds(9)); // last pulse 10 s ago: at most 1 Wh per 10 s
        assertThat(ok(meter.read()).power().watts()).isEqualTo(360);
    }

    @Test
    void pulsesFasterThanThePlausibilityLimitAreCountedAndReportedOnce() {
        open(Map.of()); // default limit 17 Hz
        PulseLine imp = line(Direction.IMPORT);
        for (int i = 0; i < 10; i++) {
            imp.pulse(Duration.ofMillis(10), Duration.ofMillis(10)); // 50 Hz
        }
        MeterRead first = meter.read();
        assertThat(first).isInstanceOf(MeterRead.Failed.class);
        MeterRead.Failed failed = (MeterRead.Failed) first;
        assertThat(failed.fault()).isEqualTo(MeterFault.IMPLAUSIBLE);
        assertThat(failed.detail())
                .contains("9 import pulses", S0Config.MAX_PULSE_RATE_HZ + "=17", "shortest interval 20000 µs");

        // the register stayed truthful: all ten pulses are in it
        assertThat(ok(meter.read()).importEnergy().wh())
                .isEqualTo(exactWh(10, 800).longValue());

        imp.hold(Duration.ofMillis(200));
        imp.pulse(Duration.ofMillis(40), Duration.ofMillis(200)); // 250 ms after the last one: plausible again
        assertThat(meter.read()).isInstanceOf(MeterRead.Ok.class);
    }

    @Test
    void aPulseAlreadyOnWhenTheDriverStartsIsNotCounted() {
        // pull-up wiring: the line idles high and a pulse pulls it low; the mock line starts low
        meter = S0Meter.open(
                SERIAL,
                S0Config.fromSettings(Settings.of(
                        Map.of(S0Config.IMPORT_PIN, "17", S0Config.PULL, "up", S0Config.IMPULSES_PER_KWH, "1000"))),
                pi4j,
                clock);
        assertThat(meter.config().activeHigh()).isFalse();
        PulseLine imp = line(Direction.IMPORT);
        clock.advance(Duration.ofMillis(30));
        imp.off(); // the pulse in progress at start ends
        clock.advance(Duration.ofMillis(100));
        assertThat(ok(meter.read()).importEnergy().wh()).isZero();
        imp.pulse(Duration.ofMillis(30), Duration.ofMillis(100));
        assertThat(ok(meter.read()).importEnergy().wh()).isEqualTo(1);
    }

    @Test
    void readsFromAnotherThreadWhilePulsesArriveNeverGoBackwardsAndEndExact() throws Exception {
        open(Map.of(S0Config.IMPULSES_PER_KWH, "1000", S0Config.MAX_PULSE_RATE_HZ, "60"));
        PulseLine imp = line(Direction.IMPORT);
        int pulses = 20_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread gpioEvents = new Thread(
                () -> {
                    try {
                        for (int i = 0; i < pulses; i++) {
                            imp.pulse(Duration.ofMillis(10), Duration.ofMillis(10));
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "pi4j-events");
        gpioEvents.start();
        long last = 0;
        long reads = 0;
        while (gpioEvents.isAlive() || reads == 0) {
            long now = ok(meter.read()).importEnergy().wh();
            assertThat(now).isGreaterThanOrEqualTo(last);
            last = now;
            reads++;
        }
        gpioEvents.join();
        assertThat(failure.get()).isNull();
        assertThat(ok(meter.read()).importEnergy().wh()).isEqualTo(pulses);
    }

    @Test
    void twoMetersShareAContextOnTheirOwnPinsButNeverOnOnePin() {
        open(Map.of());
        Settings second = Settings.of(Map.of(S0Config.IMPORT_PIN, "22", S0Config.IMPULSES_PER_KWH, "1000"));
        try (S0Meter other = S0Meter.open(MeterSerial.of("S0-TEST-2"), S0Config.fromSettings(second), pi4j, clock)) {
            assertThat(other.read()).isInstanceOf(MeterRead.Ok.class);
        }
        Settings clash = Settings.of(Map.of(S0Config.IMPORT_PIN, "17", S0Config.IMPULSES_PER_KWH, "1000"));
        assertThatThrownBy(() -> S0Meter.open(MeterSerial.of("S0-TEST-3"), S0Config.fromSettings(clash), pi4j, clock))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("meter.s0.import.pin")
                .hasMessageContaining("'17'");
        assertThat(meter.read()).isInstanceOf(MeterRead.Ok.class);
    }

    @Test
    void aClosedMeterReportsDisconnectedAndReleasesItsPins() {
        open(Map.of());
        meter.close();
        MeterRead r = meter.read();
        assertThat(r).isInstanceOf(MeterRead.Failed.class);
        assertThat(((MeterRead.Failed) r).fault()).isEqualTo(MeterFault.DISCONNECTED);
        meter.close(); // idempotent
        // the pins are free again: a new meter can claim them
        open(Map.of());
        assertThat(meter.read()).isInstanceOf(MeterRead.Ok.class);
    }
}
