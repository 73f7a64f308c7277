package org.ebc.agent.store;

import java.time.Instant;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.units.PageCounter;

/**
 * The persisted state of the node's meter: which node and meter the file belongs to, the page the next
 * signed record will carry, and the durable registers (whole Wh).
 *
 * @param node the node the file belongs to
 * @param meter the meter serial the registers belong to
 * @param nextPage the page of the next record; every lower page has been signed exactly once
 * @param registers the last persisted registers
 * @param updated when they were persisted (the agent's clock)
 */
public record MeterState(
        NodeId node, MeterSerial meter, PageCounter nextPage, EnergyRegisters registers, Instant updated) {

    /** The last page signed, 0 if none. */
    public long lastPage() {
        return nextPage.value() - 1;
    }
}
