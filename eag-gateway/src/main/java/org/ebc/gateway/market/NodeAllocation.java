package org.ebc.gateway.market;

import java.util.List;
import java.util.Optional;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;

/**
 * One node's part of an {@link Allocation} ({@link Allocation#viewOf}): its orders' results, the trades it buys
 * in and the trades it sells in, with the counterparties' wallet addresses (never their node ids, which only the
 * order ids carry; the wiring decides what it sends). Immutable.
 *
 * @param slot the slot
 * @param node the node
 * @param price the slot's uniform price, if there is one
 * @param orders the node's orders, in arrival order
 * @param purchases trades in which the node buys, in matching order
 * @param sales trades in which the node sells, in matching order
 */
public record NodeAllocation(
        MarketSlot slot,
        NodeId node,
        Optional<Price> price,
        List<OrderResult> orders,
        List<Trade> purchases,
        List<Trade> sales) {

    public NodeAllocation {
        orders = List.copyOf(orders);
        purchases = List.copyOf(purchases);
        sales = List.copyOf(sales);
    }

    /** Energy the node buys from other nodes. */
    public Energy bought() {
        return sum(purchases);
    }

    /** Energy the node sells to other nodes. */
    public Energy sold() {
        return sum(sales);
    }

    /** Energy of the node's buy orders left to the grid (bought at retail). */
    public Energy gridImport() {
        return grid(Side.BUY);
    }

    /** Energy of the node's sell orders left to the grid (sold at feed-in). */
    public Energy gridExport() {
        return grid(Side.SELL);
    }

    private Energy grid(Side side) {
        long wh = 0;
        for (OrderResult r : orders) {
            if (r.side() == side) {
                wh += r.grid().wh();
            }
        }
        return Energy.ofWh(wh);
    }

    private static Energy sum(List<Trade> trades) {
        long wh = 0;
        for (Trade t : trades) {
            wh += t.energy().wh();
        }
        return Energy.ofWh(wh);
    }
}
