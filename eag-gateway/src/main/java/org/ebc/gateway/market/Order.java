package org.ebc.gateway.market;

import java.util.Objects;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * One order of a slot's book, as decoded from its signed envelope and committed by the gateway. Immutable.
 *
 * <p>In posted mode a buy order is the paper's energy request and a sell order is an offer answering the
 * broadcast; both carry a limit price all the same.
 *
 * @param node the node that signed it
 * @param sequence the node's order sequence number (≥ 0); with {@code node} the order's {@link OrderId}
 * @param wallet the address a buyer pays from, or a seller is paid to (a pseudonym; DESIGN §2)
 * @param side buy or sell
 * @param energy how much energy, positive Wh: a buyer's demand for the slot, a seller's supply
 * @param limit a buyer's highest price, a seller's lowest, in coin minor units per kWh
 * @param arrival the position the gateway gave the order when it committed it (unique within a book, ≥ 0);
 *     earlier arrivals win ties
 */
public record Order(
        NodeId node, long sequence, WalletAddress wallet, Side side, Energy energy, Price limit, long arrival) {

    public Order {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(limit, "limit");
        if (sequence < 0) {
            throw new IllegalArgumentException("order sequence must not be negative: " + sequence);
        }
        if (energy.wh() <= 0) {
            throw new IllegalArgumentException("an order's energy must be positive: " + energy);
        }
        if (arrival < 0) {
            throw new IllegalArgumentException("arrival index must not be negative: " + arrival);
        }
    }

    public OrderId id() {
        return new OrderId(node, sequence);
    }

    /** Arrival first, then order id: the order in which posted mode shares and pairs, and a book is written. */
    static int byArrival(Order a, Order b) {
        int c = Long.compare(a.arrival, b.arrival);
        return c != 0 ? c : compareIds(a, b);
    }

    /** {@link OrderId} order without building the ids (this runs inside every sort of a 10,000-order book). */
    static int compareIds(Order a, Order b) {
        int c = a.node.compareTo(b.node);
        return c != 0 ? c : Long.compare(a.sequence, b.sequence);
    }
}
