package org.ebc.hardware;

import java.util.Objects;
import org.ebc.units.Energy;
import org.ebc.units.Power;

/**
 * The registers of a meter at one instant.
 *
 * @param importEnergy energy drawn from the grid, whole Wh, never negative, never decreasing while the
 *                     driver is open
 * @param exportEnergy energy fed into the grid, whole Wh, never negative, never decreasing while the
 *                     driver is open
 * @param power        instantaneous active power, whole W: positive = import, negative = export; an
 *                     estimate for display and trading decisions, never integrated into energy
 * @param base         whether the registers count from driver start or are the meter's own
 */
public record MeterSnapshot(Energy importEnergy, Energy exportEnergy, Power power, RegisterBase base) {
    public MeterSnapshot {
        Objects.requireNonNull(importEnergy, "importEnergy");
        Objects.requireNonNull(exportEnergy, "exportEnergy");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(base, "base");
        if (importEnergy.isNegative() || exportEnergy.isNegative()) {
            throw new IllegalArgumentException(
                    "energy registers are never negative: import " + importEnergy + ", export " + exportEnergy);
        }
    }
}
