package org.ebc.agent.trading;

import java.time.Instant;
import org.ebc.trade.NodeAllocation;
import org.ebc.trade.Side;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;

/**
 * The node's part of a slot's clearing, as shown by {@code status}.
 *
 * @param trades how many counterparties
 * @param value what the matched energy costs at the allocated prices (each line rounded down, as the bills
 *     will be); the bills after settlement are what is paid
 */
public record AllocationRecord(
        Instant slot,
        long order,
        Side side,
        Energy ordered,
        Energy matched,
        Energy grid,
        int trades,
        CoinAmount value,
        Instant receivedAt) {

    public static AllocationRecord of(NodeAllocation a, Instant now) {
        CoinAmount value = CoinAmount.ZERO;
        for (NodeAllocation.Line l : a.trades()) {
            value = value.plus(l.price().costOf(l.energy()));
        }
        return new AllocationRecord(
                a.slot(),
                a.order(),
                a.side(),
                a.ordered(),
                a.matched(),
                a.grid(),
                a.trades().size(),
                value,
                now);
    }
}
