package org.ebc.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.agent.trading.AllocationRecord;
import org.ebc.agent.trading.BillRecord;
import org.ebc.agent.trading.BorderReading;
import org.ebc.agent.trading.CosignRecord;
import org.ebc.agent.trading.OrderRecord;
import org.ebc.agent.trading.OrderState;
import org.ebc.agent.trading.TradeEvent;
import org.ebc.agent.trading.TradeLedger;
import org.ebc.agent.trading.WalletState;
import org.ebc.trade.Side;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * The trader's durable state in the agent's SQLite file (schema version 2, {@link TradeSchema}): every write
 * is one fsync'd transaction, so whatever the trader publishes after a write survives {@code kill -9}. Also
 * read by {@code meter-agent status} over a read-only connection (reads only). Bills, wallets and co-signatures
 * are in {@link SqlitePayments}.
 *
 * <p>Not thread-safe: the agent thread owns the connection.
 */
public final class SqliteTradeLedger implements TradeLedger {
    /** Border readings kept (the estimate window is at most 96 slots). */
    static final int KEPT_BORDER_READINGS = 200;

    private final AgentDatabase db;
    private final SqlitePayments payments;

    public SqliteTradeLedger(AgentDatabase db) {
        this.db = db;
        this.payments = new SqlitePayments(db);
    }

    // ---------------------------------------------------------------- market side

    @Override
    public void borderReading(BorderReading r) {
        db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR REPLACE INTO border_readings (border_ms, import_wh, export_wh) VALUES (?, ?, ?)")) {
                p.setLong(1, r.border().toEpochMilli());
                p.setLong(2, r.registers().importEnergy().wh());
                p.setLong(3, r.registers().exportEnergy().wh());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM border_readings WHERE border_ms NOT IN "
                    + "(SELECT border_ms FROM border_readings ORDER BY border_ms DESC LIMIT ?)")) {
                p.setInt(1, KEPT_BORDER_READINGS);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<BorderReading> borderReadings(int max) {
        return db.read(c -> {
            List<BorderReading> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT border_ms, import_wh, export_wh FROM (SELECT * FROM border_readings ORDER BY border_ms DESC LIMIT ?) ORDER BY border_ms")) {
                p.setInt(1, max);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new BorderReading(
                                Instant.ofEpochMilli(rs.getLong(1)),
                                EnergyRegisters.ofWh(rs.getLong(2), rs.getLong(3))));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public long nextOrderSeq() {
        return db.read(SqliteTradeLedger::nextOrderSeq);
    }

    private static long nextOrderSeq(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT next_order_seq FROM trade_state WHERE id = 1");
                ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("trade_state row is missing");
            }
            return rs.getLong(1);
        }
    }

    @Override
    public void addOrder(OrderRecord o) {
        try {
            db.inTransaction(c -> {
                long next = nextOrderSeq(c);
                if (o.seq() != next) {
                    throw new IllegalStateException("order " + o.seq() + " is not the next sequence " + next);
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO orders (seq, slot_ms, side, wh, price, address, envelope, placed_ms, state, reason, detail, matched_wh, updated_ms) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    p.setLong(1, o.seq());
                    p.setLong(2, o.slot().toEpochMilli());
                    p.setString(3, o.side().word());
                    p.setLong(4, o.energy().wh());
                    p.setLong(5, o.limit().minorUnitsPerKWh());
                    p.setString(6, o.address().toString());
                    p.setBytes(7, o.envelope());
                    p.setLong(8, o.placedAt().toEpochMilli());
                    p.setString(9, o.state().name());
                    p.setString(10, o.reason());
                    p.setString(11, o.detail());
                    setOptionalWh(p, 12, o.matched());
                    p.setLong(13, o.updatedAt().toEpochMilli());
                    p.executeUpdate();
                }
                try (PreparedStatement p =
                        c.prepareStatement("UPDATE trade_state SET next_order_seq = ? WHERE id = 1")) {
                    p.setLong(1, o.seq() + 1);
                    p.executeUpdate();
                }
                return null;
            });
        } catch (StoreException e) {
            if (e.getMessage().contains("UNIQUE")) {
                throw new IllegalStateException("slot " + o.slot() + " already has an order", e);
            }
            throw e;
        }
    }

    private static final String ORDER_COLUMNS =
            "seq, slot_ms, side, wh, price, address, envelope, placed_ms, state, reason, detail, matched_wh, updated_ms";

    @Override
    public Optional<OrderRecord> order(long seq) {
        return first(orders("SELECT " + ORDER_COLUMNS + " FROM orders WHERE seq = ?", seq));
    }

    @Override
    public Optional<OrderRecord> orderForSlot(Instant slot) {
        return first(orders("SELECT " + ORDER_COLUMNS + " FROM orders WHERE slot_ms = ?", slot.toEpochMilli()));
    }

    @Override
    public void updateOrder(OrderRecord o) {
        db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE orders SET state = ?, reason = ?, detail = ?, matched_wh = ?, updated_ms = ? WHERE seq = ?")) {
                p.setString(1, o.state().name());
                p.setString(2, o.reason());
                p.setString(3, o.detail());
                setOptionalWh(p, 4, o.matched());
                p.setLong(5, o.updatedAt().toEpochMilli());
                p.setLong(6, o.seq());
                if (p.executeUpdate() != 1) {
                    throw new SQLException("no order " + o.seq());
                }
            }
            return null;
        });
    }

    @Override
    public List<OrderRecord> unansweredOrders() {
        return orders("SELECT " + ORDER_COLUMNS + " FROM orders WHERE state = ? ORDER BY seq", OrderState.SENT.name());
    }

    @Override
    public List<OrderRecord> recentOrders(int max) {
        return orders("SELECT " + ORDER_COLUMNS + " FROM orders ORDER BY seq DESC LIMIT ?", max);
    }

    private List<OrderRecord> orders(String sql, Object... args) {
        return db.read(c -> {
            List<OrderRecord> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                bind(p, args);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long matched = rs.getLong(12);
                        Optional<Energy> m = rs.wasNull() ? Optional.empty() : Optional.of(Energy.ofWh(matched));
                        out.add(new OrderRecord(
                                rs.getLong(1),
                                Instant.ofEpochMilli(rs.getLong(2)),
                                Side.ofWord(rs.getString(3)),
                                Energy.ofWh(rs.getLong(4)),
                                Price.ofMinorUnitsPerKWh(rs.getLong(5)),
                                address(rs.getString(6)),
                                rs.getBytes(7),
                                Instant.ofEpochMilli(rs.getLong(8)),
                                OrderState.valueOf(rs.getString(9)),
                                rs.getString(10),
                                rs.getString(11),
                                m,
                                Instant.ofEpochMilli(rs.getLong(13))));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void allocation(AllocationRecord a) {
        db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR REPLACE INTO allocations (slot_ms, order_seq, side, ordered_wh, matched_wh, grid_wh, trades, value, received_ms) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, a.slot().toEpochMilli());
                p.setLong(2, a.order());
                p.setString(3, a.side().word());
                p.setLong(4, a.ordered().wh());
                p.setLong(5, a.matched().wh());
                p.setLong(6, a.grid().wh());
                p.setInt(7, a.trades());
                p.setLong(8, a.value().minorUnits());
                p.setLong(9, a.receivedAt().toEpochMilli());
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<byte[]> creditToken() {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT token FROM credit_token WHERE id = 1");
                    ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        });
    }

    @Override
    public void putCreditToken(byte[] token, Instant at) {
        db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO credit_token (id, token, updated_ms) VALUES (1, ?, ?) "
                            + "ON CONFLICT (id) DO UPDATE SET token = excluded.token, updated_ms = excluded.updated_ms")) {
                p.setBytes(1, token);
                p.setLong(2, at.toEpochMilli());
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<AllocationRecord> lastAllocation() {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                            "SELECT slot_ms, order_seq, side, ordered_wh, matched_wh, grid_wh, trades, value, received_ms "
                                    + "FROM allocations ORDER BY slot_ms DESC LIMIT 1");
                    ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AllocationRecord(
                        Instant.ofEpochMilli(rs.getLong(1)),
                        rs.getLong(2),
                        Side.ofWord(rs.getString(3)),
                        Energy.ofWh(rs.getLong(4)),
                        Energy.ofWh(rs.getLong(5)),
                        Energy.ofWh(rs.getLong(6)),
                        rs.getInt(7),
                        CoinAmount.ofMinorUnits(rs.getLong(8)),
                        Instant.ofEpochMilli(rs.getLong(9))));
            }
        });
    }

    // ---------------------------------------------------------------- payments (SqlitePayments)
    @Override
    public boolean addBill(BillRecord b) {
        return payments.addBill(b);
    }

    @Override
    public Optional<BillRecord> bill(String id) {
        return payments.bill(id);
    }

    @Override
    public Optional<BillRecord> billByTransfer(String transferDigest) {
        return payments.billByTransfer(transferDigest);
    }

    @Override
    public void updateBill(BillRecord b) {
        payments.updateBill(b);
    }

    @Override
    public void updateBillAndWallet(BillRecord b, WalletState w) {
        payments.updateBillAndWallet(b, w);
    }

    @Override
    public List<BillRecord> unpaidBills() {
        return payments.unpaidBills();
    }

    @Override
    public List<BillRecord> recentBills(int max) {
        return payments.recentBills(max);
    }

    @Override
    public Optional<WalletState> wallet(WalletAddress address) {
        return payments.wallet(address);
    }

    @Override
    public void updateWallet(WalletState w) {
        payments.updateWallet(w);
    }

    @Override
    public List<WalletState> wallets() {
        return payments.wallets();
    }

    @Override
    public Optional<CosignRecord> cosign(String transferDigest) {
        return payments.cosign(transferDigest);
    }

    @Override
    public Optional<CosignRecord> cosignByReference(String digest) {
        return payments.cosignByReference(digest);
    }

    @Override
    public void updateCosign(CosignRecord k) {
        payments.updateCosign(k);
    }

    @Override
    public List<CosignRecord> unansweredCosigns() {
        return payments.unansweredCosigns();
    }

    @Override
    public List<CosignRecord> recentCosigns(int max) {
        return payments.recentCosigns(max);
    }

    @Override
    public boolean cosignRefused(String transferDigest, String bill, String reason, String detail, Instant at) {
        return payments.cosignRefused(transferDigest, bill, reason, detail, at);
    }

    @Override
    public long cosignRefusals() {
        return payments.cosignRefusals();
    }

    // ---------------------------------------------------------------- events

    @Override
    public void event(TradeEvent kind, String detail, Instant at) {
        db.inTransaction(c -> {
            EventJournal.record(c, at, kind.name(), detail);
            return null;
        });
    }

    // ---------------------------------------------------------------- helpers

    static void setOptionalWh(PreparedStatement p, int index, Optional<Energy> e) throws SQLException {
        if (e.isPresent()) {
            p.setLong(index, e.get().wh());
        } else {
            p.setNull(index, Types.INTEGER);
        }
    }

    static WalletAddress address(String text) {
        WalletAddress.Parsed parsed = WalletAddress.parse(text);
        if (!parsed.isOk()) {
            throw new StoreException("the agent's file holds a damaged address '" + text + "'", null);
        }
        return parsed.address();
    }

    static void bind(PreparedStatement p, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            p.setObject(i + 1, args[i]);
        }
    }

    static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
