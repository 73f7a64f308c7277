package org.ebc.hardware.s0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PulseConstantTest {

    @Test
    void eightHundredImpulsesPerKWhAreOneAndAQuarterWattHoursEach() {
        PulseConstant c = new PulseConstant(800);
        assertThat(c.energyOf(1).wh()).isEqualTo(1);
        assertThat(c.remainderOf(1)).isEqualTo(200); // 200/800 Wh carried
        assertThat(c.energyOf(4).wh()).isEqualTo(5);
        assertThat(c.remainderOf(4)).isZero();
        assertThat(c.energyOf(800).wh()).isEqualTo(1000);
    }

    @Test
    void wholeWattHoursPlusTheCarriedRemainderAreExactlyThePulses() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            int impulses = 1 + random.nextInt(PulseConstant.MAX_IMPULSES_PER_KWH);
            long pulses = random.nextLong(1L << 40);
            PulseConstant c = new PulseConstant(impulses);
            // pulses × 1000 Wh/kWh = Wh × impulses + remainder, checked in arbitrary precision
            BigInteger lhs = BigInteger.valueOf(pulses).multiply(BigInteger.valueOf(1000));
            BigInteger rhs = BigInteger.valueOf(c.energyOf(pulses).wh())
                    .multiply(BigInteger.valueOf(impulses))
                    .add(BigInteger.valueOf(c.remainderOf(pulses)));
            assertThat(rhs).isEqualTo(lhs);
            assertThat(c.remainderOf(pulses)).isBetween(0L, impulses - 1L);
        }
    }

    @Test
    void powerIsOnePulsesEnergyOverTheInterval() {
        assertThat(new PulseConstant(1000).powerFor(1_000_000_000L).watts()).isEqualTo(3600); // 1 Wh per s
        assertThat(new PulseConstant(800).powerFor(20_000_000L).watts()).isEqualTo(225_000); // 1.25 Wh per 20 ms
        assertThat(new PulseConstant(1000).powerFor(3_600_000_000_000L).watts()).isEqualTo(1); // 1 Wh per hour
        assertThat(new PulseConstant(1000).powerFor(7_300_000_000_000L).watts()).isZero(); // 0.49 W rounds to 0
        assertThat(new PulseConstant(1).powerFor(Long.MAX_VALUE).watts()).isZero();
        assertThat(new PulseConstant(1).powerFor(1_000_000_000_000_000L).watts())
                .isEqualTo(4); // 1 kWh in 11.6 days
        assertThat(new PulseConstant(PulseConstant.MAX_IMPULSES_PER_KWH)
                        .powerFor(3_600_000_000L)
                        .watts())
                .isOne();
    }

    @Test
    void nonsenseConstantsAreRefused() {
        assertThatThrownBy(() -> new PulseConstant(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PulseConstant(1).energyOf(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PulseConstant(1).powerFor(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
