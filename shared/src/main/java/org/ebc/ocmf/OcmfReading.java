package org.ebc.ocmf;

import java.time.Instant;
import org.ebc.units.Energy;

/**
 * One reading ({@code RD} entry) of an OCMF record.
 *
 * @param time when the register was read ({@code TM}, millisecond precision)
 * @param clock the clock status letter written after the time
 * @param transaction the reason for the reading ({@code TX}): {@code T} periodic (tariff) reading,
 *     {@code B}/{@code E} at the borders of a market slot, per OCMF's letters
 * @param value the register value ({@code RV}, unit {@code RU}: always Wh in the records we write; kWh with
 *     at most three decimals is accepted from others and converted exactly)
 * @param obis the register identifier ({@code RI}), e.g. {@link Obis#IMPORT_ACTIVE_ENERGY}
 * @param errorFlags OCMF {@code EF}: empty when the meter reports no error; {@code E} energy, {@code t} time
 * @param status OCMF {@code ST}: {@code G} good; anything else means the value must not be trusted
 */
public record OcmfReading(
        Instant time,
        ClockStatus clock,
        String transaction,
        Energy value,
        String obis,
        String errorFlags,
        String status) {

    public boolean isGood() {
        return "G".equals(status) && errorFlags.isEmpty();
    }
}
