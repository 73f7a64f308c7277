package org.ebc.gateway.trading;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebc.gateway.market.MarketSlot;
import org.ebc.gateway.market.Order;
import org.ebc.gateway.market.OrderId;
import org.ebc.gateway.market.PostedTerms;
import org.ebc.gateway.market.Side;
import org.ebc.gateway.storage.StorageException;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * The market's tables ({@code V2__market.sql}): orders exactly as signed, slots with their broadcast, clearing and
 * settlement, and the refusal log. The transaction server's connection alone writes them; each public method runs
 * inside the caller's transaction (the server commits).
 *
 * <p>Not thread-safe: the transaction server's thread only.
 */
final class TradeStore {
    /** What the store holds about a slot. Nullable columns are empty until that phase happened. */
    record SlotRow(
            MarketSlot slot,
            Optional<PostedTerms> posted,
            Optional<byte[]> allocation,
            Optional<String> allocationDigest,
            Optional<byte[]> settlement) {}

    private final Connection c;
    private final PreparedStatement insertOrder;
    private final PreparedStatement lastSeq;
    private final PreparedStatement slotTaken;
    private final PreparedStatement orderBytes;
    private final PreparedStatement nextArrival;
    private final PreparedStatement ordersOfSlot;
    private final PreparedStatement ensureSlot;
    private final PreparedStatement notice;
    private final PreparedStatement cleared;
    private final PreparedStatement settled;
    private final PreparedStatement slot;
    private final PreparedStatement insertRefusal;
    private final PreparedStatement countRefusal;
    private final Map<NodeId, Long> lastSeqs = new HashMap<>();
    private long arrival = -1;

    TradeStore(Connection c) throws SQLException {
        this.c = c;
        insertOrder =
                c.prepareStatement("INSERT INTO orders (node_id, seq, slot_ms, side, wh, price, address, arrival, "
                        + "received_ms, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        lastSeq = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM orders WHERE node_id = ?");
        orderBytes = c.prepareStatement("SELECT raw FROM orders WHERE node_id = ? AND seq = ?");
        slotTaken = c.prepareStatement("SELECT seq FROM orders WHERE node_id = ? AND slot_ms = ?");
        nextArrival = c.prepareStatement("SELECT COALESCE(MAX(arrival), -1) + 1 FROM orders");
        ordersOfSlot = c.prepareStatement(
                "SELECT node_id, seq, address, side, wh, price, arrival, raw FROM orders WHERE slot_ms = ? ORDER BY arrival");
        ensureSlot = c.prepareStatement(
                "INSERT INTO market_slots (slot_ms, length_ms) VALUES (?, ?) ON CONFLICT (slot_ms) DO NOTHING");
        notice = c.prepareStatement("UPDATE market_slots SET demand_wh = ?, reference_supply_wh = ?, posted_price = ?, "
                + "noticed_ms = ? WHERE slot_ms = ?");
        cleared = c.prepareStatement(
                "UPDATE market_slots SET allocation = ?, allocation_digest = ?, cleared_ms = ? WHERE slot_ms = ?");
        settled = c.prepareStatement(
                "UPDATE market_slots SET settlement = ?, settlement_digest = ?, settled_ms = ? WHERE slot_ms = ?");
        slot = c.prepareStatement("SELECT length_ms, demand_wh, reference_supply_wh, posted_price, allocation, "
                + "allocation_digest, settlement FROM market_slots WHERE slot_ms = ?");
        insertRefusal = c.prepareStatement("INSERT INTO trade_refusals (received_ms, node_id, about, ref, reason, "
                + "detail, digest) VALUES (?, ?, ?, ?, ?, ?, ?)");
        countRefusal = c.prepareStatement("INSERT INTO trade_refusal_counts (reason, count) VALUES (?, 1) "
                + "ON CONFLICT (reason) DO UPDATE SET count = count + 1");
    }

    /** The highest order sequence the node has placed (0 if none). */
    long lastOrderSeq(NodeId node) throws SQLException {
        Long cached = lastSeqs.get(node);
        if (cached != null) {
            return cached;
        }
        lastSeq.setString(1, node.value());
        try (ResultSet r = lastSeq.executeQuery()) {
            long v = r.next() ? r.getLong(1) : 0;
            lastSeqs.put(node, v);
            return v;
        }
    }

    /** The signed bytes of the node's order with this sequence, if it was accepted. */
    Optional<byte[]> orderBytes(NodeId node, long seq) throws SQLException {
        orderBytes.setString(1, node.value());
        orderBytes.setLong(2, seq);
        try (ResultSet r = orderBytes.executeQuery()) {
            return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
        }
    }

    /** The sequence of the node's order for this slot, if it has one. */
    Optional<Long> orderForSlot(NodeId node, MarketSlot s) throws SQLException {
        slotTaken.setString(1, node.value());
        slotTaken.setLong(2, s.startMs());
        try (ResultSet r = slotTaken.executeQuery()) {
            return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
        }
    }

    /** Stores an accepted order with the next arrival index. @return the order as the book holds it */
    Order insertOrder(org.ebc.trade.Order o, byte[] raw, MarketSlot s, Instant receivedAt) throws SQLException {
        if (arrival < 0) {
            try (ResultSet r = nextArrival.executeQuery()) {
                arrival = r.next() ? r.getLong(1) : 0;
            }
        }
        ensureSlot(s);
        insertOrder.setString(1, o.node().value());
        insertOrder.setLong(2, o.seq());
        insertOrder.setLong(3, s.startMs());
        insertOrder.setString(4, o.side().word());
        insertOrder.setLong(5, o.energy().wh());
        insertOrder.setLong(6, o.limit().minorUnitsPerKWh());
        insertOrder.setString(7, o.address().toString());
        insertOrder.setLong(8, arrival);
        insertOrder.setLong(9, receivedAt.toEpochMilli());
        insertOrder.setBytes(10, raw);
        insertOrder.executeUpdate();
        lastSeqs.put(o.node(), o.seq());
        Order booked = new Order(
                o.node(),
                o.seq(),
                o.address(),
                o.side() == org.ebc.trade.Side.BUY ? Side.BUY : Side.SELL,
                o.energy(),
                o.limit(),
                arrival);
        arrival++;
        return booked;
    }

    /** A slot's orders as its book holds them, with each order's signed bytes, by arrival. */
    record BookedOrders(List<Order> orders, Map<OrderId, byte[]> raw) {}

    BookedOrders ordersOf(MarketSlot s) throws SQLException {
        ordersOfSlot.setLong(1, s.startMs());
        List<Order> out = new ArrayList<>();
        Map<OrderId, byte[]> raw = new HashMap<>();
        try (ResultSet r = ordersOfSlot.executeQuery()) {
            while (r.next()) {
                Order o = new Order(
                        NodeId.of(r.getString(1)),
                        r.getLong(2),
                        WalletAddress.tryParse(r.getString(3))
                                .orElseThrow(() -> new StorageException("bad address in orders")),
                        Side.parse(r.getString(4)).orElseThrow(),
                        Energy.ofWh(r.getLong(5)),
                        Price.ofMinorUnitsPerKWh(r.getLong(6)),
                        r.getLong(7));
                out.add(o);
                raw.put(o.id(), r.getBytes(8));
            }
        }
        return new BookedOrders(out, raw);
    }

    void ensureSlot(MarketSlot s) throws SQLException {
        ensureSlot.setLong(1, s.startMs());
        ensureSlot.setLong(2, s.lengthMs());
        ensureSlot.executeUpdate();
    }

    void recordNotice(MarketSlot s, PostedTerms t, Instant at) throws SQLException {
        ensureSlot(s);
        notice.setLong(1, t.demand().wh());
        notice.setLong(2, t.referenceSupply().wh());
        notice.setLong(3, t.price().minorUnitsPerKWh());
        notice.setLong(4, at.toEpochMilli());
        notice.setLong(5, s.startMs());
        notice.executeUpdate();
    }

    void recordClearing(MarketSlot s, byte[] allocation, String digest, Instant at) throws SQLException {
        ensureSlot(s);
        cleared.setBytes(1, allocation);
        cleared.setString(2, digest);
        cleared.setLong(3, at.toEpochMilli());
        cleared.setLong(4, s.startMs());
        cleared.executeUpdate();
    }

    void recordSettlement(MarketSlot s, byte[] settlement, String digest, Instant at) throws SQLException {
        ensureSlot(s);
        settled.setBytes(1, settlement);
        settled.setString(2, digest);
        settled.setLong(3, at.toEpochMilli());
        settled.setLong(4, s.startMs());
        settled.executeUpdate();
    }

    Optional<SlotRow> slot(MarketSlot s) throws SQLException {
        slot.setLong(1, s.startMs());
        try (ResultSet r = slot.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
            long demand = r.getLong(2);
            Optional<PostedTerms> posted = r.wasNull()
                    ? Optional.empty()
                    : Optional.of(new PostedTerms(
                            Energy.ofWh(demand), Energy.ofWh(r.getLong(3)), Price.ofMinorUnitsPerKWh(r.getLong(4))));
            return Optional.of(new SlotRow(
                    new MarketSlot(s.startMs(), r.getLong(1)),
                    posted,
                    Optional.ofNullable(r.getBytes(5)),
                    Optional.ofNullable(r.getString(6)),
                    Optional.ofNullable(r.getBytes(7))));
        }
    }

    void recordRefusal(Instant at, NodeId node, String about, String ref, String reason, String detail, String digest)
            throws SQLException {
        insertRefusal.setLong(1, at.toEpochMilli());
        insertRefusal.setString(2, node == null ? null : node.value());
        insertRefusal.setString(3, about);
        insertRefusal.setString(4, ref);
        insertRefusal.setString(5, reason);
        insertRefusal.setString(6, detail.length() > 500 ? detail.substring(0, 500) : detail);
        insertRefusal.setString(7, digest);
        insertRefusal.executeUpdate();
        countRefusal.setString(1, reason);
        countRefusal.executeUpdate();
    }

    /** Slots with a row that are not settled yet, oldest first. */
    List<MarketSlot> unfinishedSlots() throws SQLException {
        List<MarketSlot> out = new ArrayList<>();
        try (var st = c.createStatement();
                ResultSet r = st.executeQuery(
                        "SELECT slot_ms, length_ms FROM market_slots WHERE settled_ms IS NULL ORDER BY slot_ms")) {
            while (r.next()) {
                out.add(new MarketSlot(r.getLong(1), r.getLong(2)));
            }
        }
        return out;
    }

    /** Nodes flagged for the operator and not cleared. */
    java.util.Set<NodeId> flaggedNodes() throws SQLException {
        java.util.Set<NodeId> out = new java.util.HashSet<>();
        try (var st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT DISTINCT node_id FROM node_flags WHERE cleared_ms IS NULL")) {
            while (r.next()) {
                out.add(NodeId.of(r.getString(1)));
            }
        }
        return out;
    }

    /** The in-memory caches follow the database; after a rollback they must be rebuilt. */
    void forgetUncommitted() {
        lastSeqs.clear();
        arrival = -1;
    }

    Connection connection() {
        return c;
    }
}
