package org.ebc.hardware.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeviceValuesTest {

    private static long wh(float kWh) {
        return DeviceValues.energyFromKWh(kWh).orElseThrow().wh();
    }

    @Test
    void kilowattHoursBecomeTheWattHoursTheDisplayShows() {
        assertThat(wh(1234.56f)).isEqualTo(1_234_560); // the float is 1234.56005859375; the meter shows 1234.56
        assertThat(wh(78.9f)).isEqualTo(78_900); // the float is 78.9000015258789
        assertThat(wh(0f)).isZero();
        assertThat(wh(16777.217f)).isEqualTo(16_777_217);
    }

    @Test
    void fractionsOfAWattHourAreRoundedDown() {
        assertThat(wh(0.0005f)).isZero();
        assertThat(wh(1.9999f)).isEqualTo(1999);
        assertThat(wh(0.001f)).isEqualTo(1);
    }

    @Test
    void valuesThatCannotBeEnergyAreRejected() {
        assertThat(DeviceValues.energyFromKWh(Float.NaN)).isEmpty();
        assertThat(DeviceValues.energyFromKWh(Float.POSITIVE_INFINITY)).isEmpty();
        assertThat(DeviceValues.energyFromKWh(-0.5f)).isEmpty();
        assertThat(DeviceValues.powerFromWatts(Float.NaN)).isEmpty();
    }

    @Test
    void aRisingFloatRegisterNeverGivesAFallingWattHourRegister() {
        SplittableRandom random = new SplittableRandom(20240601);
        for (int i = 0; i < 20_000; i++) {
            float f = (float) random.nextDouble(0, 2_000_000);
            float next = Math.nextUp(f);
            assertThat(wh(next)).as("%s → %s", f, next).isGreaterThanOrEqualTo(wh(f));
            // and the conversion adds no error beyond the device's own resolution: within half a float step
            // (plus the rounding to a whole Wh) of the float's exact binary value
            BigDecimal exact = new BigDecimal(f).movePointRight(3);
            BigDecimal halfStep = new BigDecimal(Math.ulp(f)).movePointRight(3).divide(BigDecimal.valueOf(2));
            BigDecimal converted = BigDecimal.valueOf(wh(f));
            assertThat(converted).isLessThanOrEqualTo(exact.add(halfStep));
            assertThat(converted).isGreaterThan(exact.subtract(halfStep).subtract(BigDecimal.ONE));
        }
    }

    @Test
    void powerRoundsHalfUpAndKeepsItsSign() {
        assertThat(DeviceValues.powerFromWatts(2345.6f).orElseThrow().watts()).isEqualTo(2346);
        assertThat(DeviceValues.powerFromWatts(-1520.4f).orElseThrow().watts()).isEqualTo(-1520);
        assertThat(DeviceValues.powerFromWatts(0.5f).orElseThrow().watts()).isEqualTo(1);
        assertThat(DeviceValues.powerFromWatts(-0.5f).orElseThrow().watts()).isEqualTo(-1);
    }
}
