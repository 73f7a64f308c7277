package org.ebc.agent.register;

import java.util.Objects;
import org.ebc.units.Energy;

/**
 * The node's two energy registers, whole Wh: import (OBIS {@code 1-0:1.8.0}, from the grid into the node)
 * and export ({@code 1-0:2.8.0}, from the node into the grid). Both never negative.
 */
public record EnergyRegisters(Energy importEnergy, Energy exportEnergy) {
    public static final EnergyRegisters ZERO = new EnergyRegisters(Energy.ZERO, Energy.ZERO);

    public EnergyRegisters {
        Objects.requireNonNull(importEnergy, "importEnergy");
        Objects.requireNonNull(exportEnergy, "exportEnergy");
        if (importEnergy.isNegative() || exportEnergy.isNegative()) {
            throw new IllegalArgumentException(
                    "energy registers are never negative: " + importEnergy + ", " + exportEnergy);
        }
    }

    public static EnergyRegisters ofWh(long importWh, long exportWh) {
        return new EnergyRegisters(Energy.ofWh(importWh), Energy.ofWh(exportWh));
    }

    /** True if either register of this is below the same register of {@code other}. */
    public boolean anyBelow(EnergyRegisters other) {
        return importEnergy.isLessThan(other.importEnergy) || exportEnergy.isLessThan(other.exportEnergy);
    }

    @Override
    public String toString() {
        return "import " + importEnergy + ", export " + exportEnergy;
    }
}
