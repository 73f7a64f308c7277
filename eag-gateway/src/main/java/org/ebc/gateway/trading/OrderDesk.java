package org.ebc.gateway.trading;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.ebc.gateway.account.AccountPool;
import org.ebc.gateway.market.MarketCalendar;
import org.ebc.gateway.market.MarketParameters;
import org.ebc.gateway.market.MarketSlot;
import org.ebc.gateway.market.OrderTiming;
import org.ebc.gateway.market.Side;
import org.ebc.gateway.verify.TradeInbound;
import org.ebc.trade.Order;
import org.ebc.trade.Receipt;
import org.ebc.units.NodeId;

/**
 * Takes orders into the book: each order that passed the ingress checks is accepted (stored with the next
 * arrival index) or refused with an {@link OrderReason}, inside the transaction server's open transaction; the
 * receipt is published only after that transaction commits. An order received again with the same bytes (the
 * agent re-publishes until its receipt comes) is answered as accepted again, and stored once.
 *
 * <p>Not thread-safe: the transaction server's thread.
 */
final class OrderDesk {
    /** What became of one order, and the receipt that says so. */
    record Decision(Optional<org.ebc.gateway.market.Order> booked, Optional<Refusal> refusal, Outgoing receipt) {}

    /** A refusal to count and log. */
    record Refusal(NodeId node, String ref, String reason, String detail, String digest) {}

    /** Whether a node may trade at all right now (flags and, from Part F, the blacklist). */
    interface Standing {
        /** The reason the node may not trade, or empty. */
        Optional<OrderReason> barred(NodeId node);
    }

    private final TradeStore store;
    private final MarketCalendar calendar;
    private final AccountPool accounts;
    private final Standing standing;
    private final EagSigner signer;

    OrderDesk(TradeStore store, MarketCalendar calendar, AccountPool accounts, Standing standing, EagSigner signer) {
        this.store = store;
        this.calendar = calendar;
        this.accounts = accounts;
        this.standing = standing;
        this.signer = signer;
    }

    Decision take(TradeInbound.OrderIn in, Instant now) throws SQLException {
        Order o = in.order();
        String ref = String.valueOf(o.seq());
        Optional<byte[]> same = store.orderBytes(in.node(), o.seq());
        if (same.isPresent() && Arrays.equals(same.get(), in.raw())) {
            return new Decision(
                    Optional.empty(),
                    Optional.empty(),
                    signer.receipt(in.node(), "order", ref, Receipt.Status.ACCEPTED, "OK", "already in the book"));
        }
        Optional<Refused> refused = check(in, now);
        if (refused.isPresent()) {
            Refused r = refused.get();
            return new Decision(
                    Optional.empty(),
                    Optional.of(new Refusal(in.node(), ref, r.reason().name(), r.detail(), in.digest())),
                    signer.receipt(
                            in.node(),
                            "order",
                            ref,
                            Receipt.Status.REFUSED,
                            r.reason().name(),
                            r.detail()));
        }
        MarketSlot slot = calendar.slotStartingAt(o.slot().toEpochMilli()).orElseThrow();
        org.ebc.gateway.market.Order booked = store.insertOrder(o, in.raw(), slot, in.receivedAt());
        return new Decision(
                Optional.of(booked),
                Optional.empty(),
                signer.receipt(
                        in.node(),
                        "order",
                        ref,
                        Receipt.Status.ACCEPTED,
                        "OK",
                        "in the book of slot " + slot.start() + " as arrival " + booked.arrival()));
    }

    private record Refused(OrderReason reason, String detail) {}

    private Optional<Refused> check(TradeInbound.OrderIn in, Instant now) throws SQLException {
        Order o = in.order();
        NodeId node = in.node();
        Optional<OrderReason> barred = standing.barred(node);
        if (barred.isPresent()) {
            return refuse(barred.get(), "node " + node + " may not trade: " + barred.get());
        }
        long last = store.lastOrderSeq(node);
        if (o.seq() <= last) {
            return refuse(OrderReason.REPLAY, "order sequence " + o.seq() + " is not above the node's last, " + last);
        }
        Optional<MarketSlot> slot = calendar.slotStartingAt(o.slot().toEpochMilli());
        if (slot.isEmpty()) {
            return refuse(OrderReason.NOT_A_SLOT, "no slot starts at " + o.slot());
        }
        Side side = o.side() == org.ebc.trade.Side.BUY ? Side.BUY : Side.SELL;
        OrderTiming timing = calendar.timingOf(slot.get(), side, now);
        switch (timing) {
            case ON_TIME -> {
                // carry on
            }
            case GATE_CLOSED -> {
                return refuse(OrderReason.GATE_CLOSED, "gate closed at " + calendar.gateClosureOf(slot.get()));
            }
            case BEYOND_HORIZON -> {
                return refuse(
                        OrderReason.BEYOND_HORIZON, "slot " + o.slot() + " opens at " + calendar.openingOf(slot.get()));
            }
            case REQUESTS_CLOSED -> {
                return refuse(
                        OrderReason.REQUESTS_CLOSED, "buy requests closed at " + calendar.requestClosureOf(slot.get()));
            }
            case OFFERS_NOT_OPEN -> {
                return refuse(
                        OrderReason.OFFERS_NOT_OPEN, "sell offers open at " + calendar.requestClosureOf(slot.get()));
            }
        }
        Optional<Long> existing = store.orderForSlot(node, slot.get());
        if (existing.isPresent()) {
            return refuse(OrderReason.DUPLICATE_SLOT, "order " + existing.get() + " is the node's order for this slot");
        }
        MarketParameters p = calendar.parameters();
        if (o.energy().compareTo(p.maxOrderEnergy()) > 0) {
            return refuse(OrderReason.ENERGY_ABOVE_MAXIMUM, o.energy() + ", at most " + p.maxOrderEnergy());
        }
        if (o.limit().compareTo(p.maxLimitPrice()) > 0) {
            return refuse(OrderReason.PRICE_ABOVE_MAXIMUM, o.limit() + ", at most " + p.maxLimitPrice());
        }
        Optional<NodeId> owner = accounts.ownerOf(o.address());
        if (owner.isEmpty() || !owner.get().equals(node)) {
            return refuse(
                    OrderReason.ADDRESS_NOT_OWNED, "address " + o.address() + " is not one of node " + node + "'s");
        }
        return Optional.empty();
    }

    private static Optional<Refused> refuse(OrderReason reason, String detail) {
        return Optional.of(new Refused(reason, detail));
    }

    /** Nodes flagged for the operator, as the ingest writer records them. */
    static Standing flagged(Set<NodeId> flagged) {
        return node -> flagged.contains(node) ? Optional.of(OrderReason.NODE_FLAGGED) : Optional.empty();
    }
}
