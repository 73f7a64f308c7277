package org.ebc.gateway.trading;

import java.nio.charset.StandardCharsets;
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
import org.ebc.gateway.market.MarketCalendar;
import org.ebc.gateway.market.MarketParameters;
import org.ebc.gateway.market.MarketSlot;
import org.ebc.gateway.market.OrderBook;
import org.ebc.gateway.market.OrderBookFile;
import org.ebc.gateway.market.OrderId;
import org.ebc.gateway.market.PostedTerms;
import org.ebc.units.EagId;
import org.ebc.units.Energy;

/**
 * The market as stored, for the operator's commands ({@code market show}, {@code market export}): read-only, on a
 * connection of the caller's (a reader works while the gateway writes).
 */
public final class MarketArchive {
    /** A stored slot, as {@code market show} lists it. */
    public record SlotLine(
            Instant start,
            int orders,
            Energy buy,
            Energy sell,
            Optional<Instant> noticed,
            Optional<Instant> cleared,
            Optional<String> allocationDigest,
            Optional<Instant> settled) {}

    private final Connection c;
    private final MarketCalendar calendar;

    public MarketArchive(Connection c, MarketParameters parameters) {
        this.c = c;
        this.calendar = new MarketCalendar(parameters);
    }

    public MarketCalendar calendar() {
        return calendar;
    }

    /** The newest {@code n} stored slots, newest first. */
    public List<SlotLine> recentSlots(int n) throws SQLException {
        List<SlotLine> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT s.slot_ms, COUNT(o.seq), "
                + "COALESCE(SUM(CASE WHEN o.side = 'buy' THEN o.wh END), 0), "
                + "COALESCE(SUM(CASE WHEN o.side = 'sell' THEN o.wh END), 0), s.noticed_ms, s.cleared_ms, "
                + "s.allocation_digest, s.settled_ms FROM market_slots s LEFT JOIN orders o ON o.slot_ms = s.slot_ms "
                + "GROUP BY s.slot_ms ORDER BY s.slot_ms DESC LIMIT ?")) {
            p.setInt(1, n);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new SlotLine(
                            Instant.ofEpochMilli(r.getLong(1)),
                            r.getInt(2),
                            Energy.ofWh(r.getLong(3)),
                            Energy.ofWh(r.getLong(4)),
                            instant(r, 5),
                            instant(r, 6),
                            Optional.ofNullable(r.getString(7)),
                            instant(r, 8)));
                }
            }
        }
        return out;
    }

    /** Slots whose clearing is stored, oldest first. */
    public List<Instant> clearedSlots() throws SQLException {
        List<Instant> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                        "SELECT slot_ms FROM market_slots WHERE cleared_ms IS NOT NULL ORDER BY slot_ms");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(Instant.ofEpochMilli(r.getLong(1)));
            }
        }
        return out;
    }

    /** The stored allocation's digest of a slot, if it was cleared. */
    public Optional<String> allocationDigest(Instant slot) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT allocation_digest FROM market_slots WHERE slot_ms = ?")) {
            p.setLong(1, slot.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The slot's order book exactly as stored, as an {@link OrderBookFile} with every order's signed envelope, for
     * an auditor's {@code market clear}.
     *
     * @throws IllegalArgumentException if no slot of this market starts at {@code slot}
     */
    public byte[] export(EagId eag, Instant slot) throws SQLException {
        MarketSlot s = calendar.slotStartingAt(slot.toEpochMilli())
                .orElseThrow(() -> new IllegalArgumentException("no slot of this market starts at " + slot));
        TradeStore store = new TradeStore(c);
        TradeStore.BookedOrders booked = store.ordersOf(s);
        Optional<PostedTerms> posted = store.slot(s).flatMap(TradeStore.SlotRow::posted);
        OrderBook book = MarketTimeline.bookOf(calendar, s, booked.orders(), posted, store);
        Map<OrderId, String> envelopes = new HashMap<>();
        booked.raw().forEach((id, raw) -> envelopes.put(id, new String(raw, StandardCharsets.UTF_8)));
        return OrderBookFile.write(eag, book, envelopes);
    }

    private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }
}
