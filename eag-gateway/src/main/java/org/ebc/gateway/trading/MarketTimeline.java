package org.ebc.gateway.trading;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.ebc.gateway.market.Allocation;
import org.ebc.gateway.market.Clearing;
import org.ebc.gateway.market.MarketCalendar;
import org.ebc.gateway.market.MarketMode;
import org.ebc.gateway.market.MarketSlot;
import org.ebc.gateway.market.OrderBook;
import org.ebc.gateway.market.OrderResult;
import org.ebc.gateway.market.PostedTerms;
import org.ebc.gateway.market.Trade;
import org.ebc.gateway.settlement.NodeEvidence;
import org.ebc.gateway.settlement.Settlement;
import org.ebc.gateway.settlement.SlotSettlement;
import org.ebc.gateway.verify.SequenceJudge;
import org.ebc.trade.DemandNotice;
import org.ebc.trade.MarketResult;
import org.ebc.trade.NodeAllocation;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;
import org.ebc.wire.Topics;
import org.tinylog.Logger;

/**
 * Moves each slot through its life on the transaction server's thread: in posted mode, at the request closure,
 * the demand notice (total demand and the posted price); at gate closure, the clearing of the stored book; after
 * the slot, its settlement by the meters as soon as every participant's border readings are in, or at the end of
 * the grace with what there is. Each step is committed before anything about it is published, and each step is
 * done at most once per slot (the slot's row says which are done), so a restarted gateway carries on where it
 * stopped and clears a slot from the same stored book to the same bytes.
 *
 * <p>Not thread-safe: the transaction server's thread.
 */
public final class MarketTimeline {
    /** What a step produced, for the server to commit and then publish, with a line for the operator. */
    record Step(List<Outgoing> messages, Optional<SlotReport> cleared, Optional<SlotSettlement> settled, String log) {}

    /** The slot summaries the bench and {@code market show} print, kept for the last few slots. */
    public record SlotReport(
            MarketSlot slot,
            int orders,
            Energy demand,
            Energy supply,
            Energy volume,
            Optional<Price> price,
            Energy gridImport,
            Energy gridExport) {}

    /** A settled slot: its bill lines by kind and how many participants proved nothing. */
    public record SettledReport(MarketSlot slot, Map<String, Integer> linesByKind, int unproven) {}

    private final TradeStore store;
    private final MarketCalendar calendar;
    private final BorderReadings borders;
    private final EagSigner signer;
    private final WalletAddress grid;
    private final SequenceJudge.RatedPower rated;

    MarketTimeline(
            TradeStore store,
            MarketCalendar calendar,
            BorderReadings borders,
            EagSigner signer,
            WalletAddress grid,
            SequenceJudge.RatedPower rated) {
        this.store = store;
        this.calendar = calendar;
        this.borders = borders;
        this.signer = signer;
        this.grid = grid;
        this.rated = rated;
    }

    /**
     * The slots that may need a step at {@code now}: those with unfinished rows, and those whose request
     * closure or gate closure is due (an empty slot is cleared too, so every slot has a published result).
     */
    List<MarketSlot> candidates(Instant now, List<MarketSlot> unfinished) {
        TreeSet<MarketSlot> out = new TreeSet<>(unfinished);
        MarketSlot current = calendar.slotAt(now);
        // The slots whose closures fall around now: their gate closure is at most lead + window ahead of a start.
        for (int k = 0; k <= calendar.parameters().horizonSlots() + 1; k++) {
            MarketSlot s = current.plus(k);
            if (!now.isBefore(calendar.requestClosureOf(s))) {
                out.add(s);
            }
        }
        return new ArrayList<>(out);
    }

    /** The next step of {@code slot} due at {@code now}, done in the open transaction; empty if none is due. */
    Optional<Step> advance(MarketSlot slot, Instant now) throws SQLException {
        Optional<TradeStore.SlotRow> row = store.slot(slot);
        boolean posted = calendar.parameters().mode() == MarketMode.POSTED;
        boolean noticed = row.flatMap(TradeStore.SlotRow::posted).isPresent();
        boolean cleared = row.flatMap(TradeStore.SlotRow::allocation).isPresent();
        boolean settled = row.flatMap(TradeStore.SlotRow::settlement).isPresent();
        if (posted && !noticed && !cleared && !now.isBefore(calendar.requestClosureOf(slot))) {
            return Optional.of(notice(slot, now));
        }
        if (!cleared && !now.isBefore(calendar.gateClosureOf(slot))) {
            return Optional.of(clear(slot, row.flatMap(TradeStore.SlotRow::posted), now));
        }
        if (cleared && !settled && !now.isBefore(slot.end())) {
            return settle(slot, row.get(), now);
        }
        return Optional.empty();
    }

    private Step notice(MarketSlot slot, Instant now) throws SQLException {
        List<org.ebc.gateway.market.Order> orders = store.ordersOf(slot).orders();
        Energy referenceSupply =
                OrderBook.supplyOf(store.ordersOf(slot.plus(-1)).orders());
        PostedTerms terms = PostedTerms.compute(calendar.parameters(), OrderBook.demandOf(orders), referenceSupply);
        store.recordNotice(slot, terms, now);
        DemandNotice n = new DemandNotice(signer.eag(), now, slot.start(), terms.demand(), terms.price());
        return new Step(
                List.of(Outgoing.of(
                        Topics.market(signer.eag(), Topics.MarketMessage.DEMAND),
                        n.sign(signer.key(), signer.keyId()))),
                Optional.empty(),
                Optional.empty(),
                "slot " + slot.start() + ": demand " + terms.demand() + " from " + orders.size()
                        + " request(s), posted price " + terms.price() + " (reference supply " + referenceSupply + ")");
    }

    /** The book of a slot exactly as stored, ready to clear (or to export for an auditor). */
    OrderBook book(MarketSlot slot, Optional<PostedTerms> posted) throws SQLException {
        return bookOf(calendar, slot, store.ordersOf(slot).orders(), posted, store);
    }

    /**
     * The book of {@code slot} from its stored orders. In posted mode a slot whose request closure passed while the
     * gateway was down has no stored notice: its terms are computed as they would have been, from the stored book
     * and the previous slot's stored offers.
     */
    static OrderBook bookOf(
            MarketCalendar calendar,
            MarketSlot slot,
            List<org.ebc.gateway.market.Order> orders,
            Optional<PostedTerms> posted,
            TradeStore store)
            throws SQLException {
        if (calendar.parameters().mode() != MarketMode.POSTED) {
            return new OrderBook(slot, calendar.parameters(), orders, Optional.empty());
        }
        PostedTerms terms = posted.isPresent()
                ? posted.get()
                : PostedTerms.compute(
                        calendar.parameters(),
                        OrderBook.demandOf(orders),
                        OrderBook.supplyOf(store.ordersOf(slot.plus(-1)).orders()));
        return new OrderBook(slot, calendar.parameters(), orders, Optional.of(terms));
    }

    private Step clear(MarketSlot slot, Optional<PostedTerms> posted, Instant now) throws SQLException {
        OrderBook book = book(slot, posted);
        Allocation a = Clearing.clear(book);
        byte[] bytes = a.canonicalBytes();
        String digest = org.ebc.crypto.Sha256.hex(bytes);
        store.recordClearing(slot, bytes, digest, now);
        List<Outgoing> out = new ArrayList<>();
        for (NodeId node : a.participants()) {
            out.addAll(nodeAllocations(a, node, digest, now));
        }
        MarketResult result = new MarketResult(
                signer.eag(),
                now,
                slot.start(),
                a.mode().wireName(),
                a.pricing().wireName(),
                a.price().orElse(Price.ZERO),
                book.orders().size(),
                a.volume(),
                a.gridImport(),
                a.gridExport(),
                digest);
        out.add(Outgoing.of(
                Topics.market(signer.eag(), Topics.MarketMessage.RESULT), result.sign(signer.key(), signer.keyId())));
        SlotReport report = new SlotReport(
                slot,
                book.orders().size(),
                book.demand(),
                book.supply(),
                a.volume(),
                a.price(),
                a.gridImport(),
                a.gridExport());
        return new Step(
                out,
                Optional.of(report),
                Optional.empty(),
                "slot " + slot.start() + " cleared: " + book.orders().size() + " order(s), " + a.volume() + " traded"
                        + a.price().map(p -> " at " + p).orElse("") + ", grid import " + a.gridImport() + ", export "
                        + a.gridExport() + ", allocation " + digest.substring(0, 16));
    }

    /** One allocation message per order of the node (a node has one order per slot). */
    private List<Outgoing> nodeAllocations(Allocation a, NodeId node, String digest, Instant now) {
        org.ebc.gateway.market.NodeAllocation view = a.viewOf(node);
        List<Outgoing> out = new ArrayList<>();
        for (OrderResult r : view.orders()) {
            List<NodeAllocation.Line> lines = new ArrayList<>();
            boolean buy = r.side() == org.ebc.gateway.market.Side.BUY;
            for (Trade t : buy ? view.purchases() : view.sales()) {
                if ((buy ? t.buy() : t.sell()).equals(r.order())) {
                    lines.add(new NodeAllocation.Line(buy ? t.seller() : t.buyer(), t.energy(), t.price()));
                }
            }
            NodeAllocation m = new NodeAllocation(
                    signer.eag(),
                    now,
                    node,
                    a.slot().start(),
                    r.order().sequence(),
                    buy ? org.ebc.trade.Side.BUY : org.ebc.trade.Side.SELL,
                    r.energy(),
                    r.matched(),
                    r.grid(),
                    lines,
                    digest);
            out.add(Outgoing.of(
                    Topics.node(signer.eag(), node, Topics.NodeMessage.ALLOCATION),
                    m.sign(signer.key(), signer.keyId())));
        }
        return out;
    }

    private Optional<Step> settle(MarketSlot slot, TradeStore.SlotRow row, Instant now) throws SQLException {
        Allocation a = Clearing.clear(book(slot, row.posted()));
        String digest = row.allocationDigest().orElseThrow();
        if (!digest.equals(a.digest())) {
            // The stored book no longer clears to the published allocation: never settle something else.
            throw new org.ebc.gateway.storage.StorageException("slot " + slot.start() + ": the stored book clears to "
                    + a.digest() + ", but " + digest + " was published; refusing to settle");
        }
        boolean due = !now.isBefore(calendar.settlementDueOf(slot));
        Map<NodeId, NodeEvidence> evidence = new HashMap<>();
        boolean complete = true;
        for (NodeId node : a.participants()) {
            complete &= borders.complete(node, slot.start(), slot.end());
            evidence.put(node, borders.evidence(node, slot.start(), slot.end()).checkedAgainst(rated.of(node), slot));
        }
        if (!complete && !due) {
            return Optional.empty();
        }
        SlotSettlement s = Settlement.settle(a, digest, evidence, grid);
        byte[] bytes = s.canonicalBytes();
        store.recordSettlement(slot, bytes, org.ebc.crypto.Sha256.hex(bytes), now);
        String unproven = s.unproven().isEmpty() ? "" : ", " + s.unproven().size() + " node(s) unproven";
        return Optional.of(new Step(
                List.of(),
                Optional.empty(),
                Optional.of(s),
                "slot " + slot.start() + " settled" + (complete ? "" : " at the end of the grace") + ": "
                        + s.lines().size() + " bill line(s)" + unproven));
    }

    static void log(Step s) {
        Logger.info(s.log());
    }
}
