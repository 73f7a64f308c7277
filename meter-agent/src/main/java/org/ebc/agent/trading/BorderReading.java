package org.ebc.agent.trading;

import java.time.Instant;
import java.util.Objects;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.units.Energy;

/**
 * The node's durable registers at a market-slot border (the {@code B} reading), kept for the surplus
 * estimate.
 *
 * @param border the slot border (a whole multiple of the slot length since the epoch)
 * @param registers import and export at that border, Wh
 */
public record BorderReading(Instant border, EnergyRegisters registers) {
    public BorderReading {
        Objects.requireNonNull(border, "border");
        Objects.requireNonNull(registers, "registers");
    }

    /** Export minus import so far, Wh: positive when the node has fed in more than it drew. */
    public Energy net() {
        return registers.exportEnergy().minus(registers.importEnergy());
    }
}
