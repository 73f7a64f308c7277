package org.ebc.hardware.modbus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import org.ebc.units.Energy;
import org.ebc.units.Power;

/**
 * Converts the device's float32 values into whole units at the driver edge, exactly.
 *
 * <p>The float <em>is</em> the device's value. Its decimal meaning is taken from {@link Float#toString(float)},
 * the shortest decimal that maps back to the same float (what the meter's display shows: 1234.56 kWh, not
 * the binary neighbour 1234.560058…). That decimal is then scaled exactly with {@link BigDecimal}; no
 * {@code double} is ever involved.
 *
 * <p>Rounding: energy rounds <b>down</b> to whole Wh, so a register never claims more than the meter
 * displays, and because both the shortest decimal and flooring are monotonic, a non-decreasing float
 * register gives a non-decreasing Wh register. Power rounds half-up to whole W. Note that a float32 has 24
 * significant bits: above 16,777.216 kWh the device's own resolution is coarser than 1 Wh (about 8 Wh at
 * 100,000 kWh); the conversion adds no error of its own.
 */
public final class DeviceValues {
    private DeviceValues() {}

    /** Whole Wh from a kWh float; empty if the value is NaN, infinite or negative. */
    public static Optional<Energy> energyFromKWh(float kWh) {
        if (Float.isNaN(kWh) || Float.isInfinite(kWh) || kWh < 0) {
            return Optional.empty();
        }
        BigDecimal wh = new BigDecimal(Float.toString(kWh)).movePointRight(3).setScale(0, RoundingMode.FLOOR);
        return Optional.of(Energy.ofWh(wh.longValueExact()));
    }

    /** Whole W from a W float (sign kept); empty if the value is NaN or infinite. */
    public static Optional<Power> powerFromWatts(float watts) {
        if (Float.isNaN(watts) || Float.isInfinite(watts)) {
            return Optional.empty();
        }
        BigDecimal w = new BigDecimal(Float.toString(watts)).setScale(0, RoundingMode.HALF_UP);
        return Optional.of(Power.ofWatts(w.longValueExact()));
    }
}
