package org.ebc.agent.trading;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.crypto.KeyId;
import org.ebc.trade.DemandNotice;
import org.ebc.trade.MarketInfo;
import org.ebc.trade.NodeAllocation;
import org.ebc.trade.Order;
import org.ebc.trade.Receipt;
import org.ebc.trade.Side;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.jspecify.annotations.Nullable;
import org.tinylog.Logger;

/**
 * The node's orders: decides at every slot-border reading (and when the market's rules arrive) what to order
 * for the next open slot, signs the order with the node key, stores it, publishes it, and publishes it again
 * every {@code trading.resend-after} until a receipt arrives (the gateway is idempotent on the order
 * sequence). In posted mode a sell offer waits for the slot's demand notice and goes out only if the posted
 * price is at least the node's lowest price. Never two orders for one slot (the ledger refuses it too).
 *
 * <p>Runs on the agent thread.
 */
final class OrderDesk {
    /** Border readings kept for the estimate (the window is at most 96 slots). */
    private static final int KEPT_READINGS = 100;

    private final NodeId node;
    private final PrivateKey nodeKey;
    private final KeyId nodeKeyId;
    private final TradingConfig config;
    private final Duration agentSlot;
    private final Wallets wallets;
    private final TradeLedger ledger;
    private final Outgoing out;
    private final Clock clock;
    /** When each unanswered order was last published (this run; after a restart: at once). */
    private final Map<Long, Instant> lastSent = new HashMap<>();

    /** False once the ledger had no unanswered order and none was placed since: the tick then reads nothing. */
    private boolean mayHaveUnanswered = true;

    private @Nullable MarketInfo market;
    private Decision lastDecision = Decision.idle("no market rules from the gateway yet");
    private boolean warnedSlotMismatch;

    OrderDesk(
            NodeId node,
            PrivateKey nodeKey,
            KeyId nodeKeyId,
            TradingConfig config,
            Duration agentSlot,
            Wallets wallets,
            TradeLedger ledger,
            Outgoing out,
            Clock clock) {
        this.node = node;
        this.nodeKey = nodeKey;
        this.nodeKeyId = nodeKeyId;
        this.config = config;
        this.agentSlot = agentSlot;
        this.wallets = wallets;
        this.ledger = ledger;
        this.out = out;
        this.clock = clock;
    }

    Optional<MarketInfo> market() {
        return Optional.ofNullable(market);
    }

    Decision lastDecision() {
        return lastDecision;
    }

    void marketInfo(MarketInfo m) {
        MarketInfo current = market;
        if (current != null && m.seq() < current.seq()) {
            return; // an older version of the rules (a late retained copy)
        }
        market = m;
        if (!m.slotLength().equals(agentSlot) && !warnedSlotMismatch) {
            warnedSlotMismatch = true;
            Logger.warn(
                    "node={} the market's slot is {} but market.slot is {}: border readings miss the market's borders,"
                            + " settlement cannot use them; set market.slot = {}s",
                    node,
                    m.slotLength(),
                    agentSlot,
                    m.slotLength().toSeconds());
        }
        if (current == null) {
            Logger.info(
                    "node={} market of {}: {} ({}), slots of {}, gate {} before, retail {}, feed-in {}",
                    node,
                    m.eag(),
                    m.mode(),
                    m.pricing(),
                    m.slotLength(),
                    m.gateLead(),
                    m.retail(),
                    m.feedIn());
        }
        consider();
    }

    /** A slot-border reading was just taken: keep it and decide the next slot. */
    void border(EnergyRegisters registers) {
        Instant now = clock.instant();
        long slotMs = agentSlot.toMillis();
        Instant border = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), slotMs) * slotMs);
        ledger.borderReading(new BorderReading(border, registers));
        consider();
    }

    /** Posted mode: the slot's demand is known; a seller answers if the price suits it. */
    void demand(DemandNotice n) {
        MarketInfo m = market;
        Instant now = clock.instant();
        if (m == null
                || !OrderTiming.mayOffer(m, n, now)
                || ledger.orderForSlot(n.slot()).isPresent()) {
            return;
        }
        Decision d = decide(m, now);
        if (!d.is(Side.SELL)) {
            return;
        }
        if (n.price().compareTo(d.limit()) < 0) {
            lastDecision = Decision.idle("posted price " + n.price() + " for slot " + n.slot()
                    + " is below the lowest price " + d.limit() + "; not selling (" + d.why() + ")");
            Logger.info("node={} {}", node, lastDecision.why());
            return;
        }
        if (n.demand().wh() <= 0) {
            lastDecision = Decision.idle("no demand for slot " + n.slot() + " (" + d.why() + ")");
            return;
        }
        // Offering more than the whole demand sells nothing more; pro rata would only shrink the others.
        Energy offer = d.energy().compareTo(n.demand()) > 0 ? n.demand() : d.energy();
        place(n.slot(), Decision.of(Side.SELL, offer, d.limit(), d.why() + ", demand " + n.demand()), now);
    }

    void receipt(Receipt r) {
        long seq;
        try {
            seq = Long.parseLong(r.ref());
        } catch (NumberFormatException e) {
            Logger.debug("node={} receipt for order '{}' is not an order sequence", node, r.ref());
            return;
        }
        Optional<OrderRecord> o = ledger.order(seq);
        if (o.isEmpty()) {
            Logger.debug("node={} receipt for an order {} this node does not know", node, seq);
            return;
        }
        OrderRecord order = o.get();
        if (order.state() != OrderState.SENT && order.state() != OrderState.UNANSWERED) {
            return; // answered before: a repeated receipt changes nothing
        }
        Instant now = clock.instant();
        lastSent.remove(seq);
        if (r.refused()) {
            ledger.updateOrder(order.answered(OrderState.REFUSED, r.reason(), r.detail(), now));
            String what = "order " + seq + " (" + order.side().word() + " " + order.energy() + " for slot "
                    + order.slot() + ") refused: " + r.reason() + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")");
            Logger.warn("node={} event=ORDER_REFUSED {}", node, what);
            ledger.event(TradeEvent.ORDER_REFUSED, what, now);
            return;
        }
        ledger.updateOrder(order.answered(OrderState.ACCEPTED, r.reason(), r.detail(), now));
        Logger.debug("node={} order {} {}", node, seq, r.status().word());
    }

    void allocation(NodeAllocation a) {
        Instant now = clock.instant();
        ledger.allocation(AllocationRecord.of(a, now));
        ledger.order(a.order()).ifPresent(o -> ledger.updateOrder(o.withMatched(a.matched(), now)));
        Logger.info(
                "node={} slot {}: {} {} of {} matched with {} counterparties, {} with the grid",
                node,
                a.slot(),
                a.side().word(),
                a.matched(),
                a.ordered(),
                a.trades().size(),
                a.grid());
    }

    /** Publishes every unanswered order again at once (a new connection). */
    void connected() {
        lastSent.clear();
        mayHaveUnanswered = true;
        tick();
    }

    /**
     * Publishes unanswered orders again when due; gives up on those long past their gate closure. False if there
     * was nothing to look at (nothing changed).
     */
    boolean tick() {
        if (!mayHaveUnanswered) {
            return false;
        }
        List<OrderRecord> unanswered = ledger.unansweredOrders();
        mayHaveUnanswered = !unanswered.isEmpty();
        Instant now = clock.instant();
        MarketInfo m = market;
        Duration slotLength = m == null ? agentSlot : m.slotLength();
        Duration lead = m == null ? Duration.ZERO : m.gateLead();
        for (OrderRecord o : unanswered) {
            if (now.isAfter(o.slot().minus(lead).plus(slotLength))) {
                lastSent.remove(o.seq());
                ledger.updateOrder(o.answered(OrderState.UNANSWERED, "", "no receipt from the gateway", now));
                String what = "order " + o.seq() + " for slot " + o.slot() + " got no receipt by its gate closure";
                Logger.warn("node={} event=ORDER_UNANSWERED {}", node, what);
                ledger.event(TradeEvent.ORDER_UNANSWERED, what, now);
                continue;
            }
            Instant last = lastSent.get(o.seq());
            if (last == null || !now.isBefore(last.plus(config.resendAfter()))) {
                if (out.order(o.envelope())) {
                    lastSent.put(o.seq(), now);
                }
            }
        }
        return true;
    }

    private void consider() {
        MarketInfo m = market;
        if (m == null) {
            return;
        }
        Instant now = clock.instant();
        Decision d = decide(m, now);
        lastDecision = d;
        if (d.isIdle()) {
            return;
        }
        Side side = d.side().orElseThrow();
        Optional<Instant> slot = OrderTiming.slotFor(m, side, now);
        if (slot.isEmpty()) {
            if (!m.posted() || side == Side.BUY) {
                Logger.debug("node={} would {} but no slot within the horizon is open", node, side.word());
            }
            return; // posted sells wait for the demand notice
        }
        if (ledger.orderForSlot(slot.get()).isPresent()) {
            return;
        }
        place(slot.get(), d, now);
    }

    private Decision decide(MarketInfo m, Instant now) {
        Optional<Energy> surplus = SurplusEstimate.perSlot(
                ledger.borderReadings(KEPT_READINGS), m.slotLength(), config.windowSlots(), now);
        return TradingPolicy.decide(surplus, config, m);
    }

    private void place(Instant slot, Decision d, Instant now) {
        Wallet wallet = wallets.trading(ledger::wallet);
        long seq = ledger.nextOrderSeq();
        Side side = d.side().orElseThrow();
        Order order = new Order(node, seq, now, slot, side, d.energy(), d.limit(), wallet.address());
        byte[] signed = order.sign(nodeKey, nodeKeyId);
        OrderRecord r = new OrderRecord(
                seq,
                slot,
                side,
                d.energy(),
                d.limit(),
                wallet.address(),
                signed,
                now,
                OrderState.SENT,
                "",
                "",
                Optional.empty(),
                now);
        ledger.addOrder(r); // durable before anyone sees it
        mayHaveUnanswered = true;
        lastDecision = d;
        Logger.info(
                "node={} order {}: {} {} for slot {} at {} {} ({})",
                node,
                seq,
                side.word(),
                d.energy(),
                slot,
                side == Side.BUY ? "most" : "least",
                d.limit(),
                d.why());
        if (out.order(signed)) {
            lastSent.put(seq, now);
        }
    }
}
