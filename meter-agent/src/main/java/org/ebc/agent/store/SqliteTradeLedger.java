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
import org.ebc.agent.trading.BillRole;
import org.ebc.agent.trading.BillState;
import org.ebc.agent.trading.BorderReading;
import org.ebc.agent.trading.CosignRecord;
import org.ebc.agent.trading.CosignState;
import org.ebc.agent.trading.OrderRecord;
import org.ebc.agent.trading.OrderState;
import org.ebc.agent.trading.TradeEvent;
import org.ebc.agent.trading.TradeLedger;
import org.ebc.agent.trading.WalletState;
import org.ebc.trade.Bill;
import org.ebc.trade.Side;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * The trader's durable state in the agent's SQLite file (schema version 2, {@link TradeSchema}): every write
 * is one fsync'd transaction, so whatever the trader publishes after a write survives {@code kill -9}. Also
 * read by {@code meter-agent status} over a read-only connection (reads only).
 *
 * <p>Not thread-safe: the agent thread owns the connection.
 */
public final class SqliteTradeLedger implements TradeLedger {
    /** Border readings kept (the estimate window is at most 96 slots). */
    static final int KEPT_BORDER_READINGS = 200;

    private final AgentDatabase db;

    public SqliteTradeLedger(AgentDatabase db) {
        this.db = db;
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

    // ---------------------------------------------------------------- bills

    private static final String BILL_COLUMNS =
            "id, bill_seq, issued_ms, slot_ms, kind, payer, payee, wh, price, amount, eag, envelope, role, state, nonce, "
                    + "transfer, transfer_digest, nonce_retries, wait_notice_seq, reason, received_ms, updated_ms";

    @Override
    public boolean addBill(BillRecord b) {
        return db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO bills (" + BILL_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Bill bill = b.bill();
                p.setString(1, bill.id());
                p.setLong(2, bill.seq());
                p.setLong(3, bill.at().toEpochMilli());
                p.setLong(4, bill.slot().toEpochMilli());
                p.setString(5, bill.kind());
                p.setString(6, bill.payer().toString());
                p.setString(7, bill.payee().toString());
                p.setLong(8, bill.energy().wh());
                p.setLong(9, bill.price().minorUnitsPerKWh());
                p.setLong(10, bill.amount().minorUnits());
                p.setString(11, bill.eag().value());
                p.setBytes(12, b.envelope());
                p.setString(13, b.role().name());
                setBillState(p, 14, b);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Columns 14 (state) to 22 (updated_ms), shared by insert and update. */
    private static void setBillState(PreparedStatement p, int from, BillRecord b) throws SQLException {
        p.setString(from, b.state().name());
        p.setLong(from + 1, b.nonce());
        if (b.transfer().isPresent()) {
            p.setBytes(from + 2, b.transfer().get());
        } else {
            p.setNull(from + 2, Types.BLOB);
        }
        p.setString(from + 3, b.transferDigest().orElse(null));
        p.setInt(from + 4, b.nonceRetries());
        p.setLong(from + 5, b.waitNoticeSeq());
        p.setString(from + 6, b.reason());
        p.setLong(from + 7, b.receivedAt().toEpochMilli());
        p.setLong(from + 8, b.updatedAt().toEpochMilli());
    }

    @Override
    public Optional<BillRecord> bill(String id) {
        return first(bills("SELECT " + BILL_COLUMNS + " FROM bills WHERE id = ?", id));
    }

    @Override
    public Optional<BillRecord> billByTransfer(String transferDigest) {
        return first(bills("SELECT " + BILL_COLUMNS + " FROM bills WHERE transfer_digest = ?", transferDigest));
    }

    @Override
    public void updateBill(BillRecord b) {
        db.inTransaction(c -> {
            updateBill(c, b);
            return null;
        });
    }

    private static void updateBill(Connection c, BillRecord b) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE bills SET state = ?, nonce = ?, transfer = ?, transfer_digest = ?, nonce_retries = ?, "
                        + "wait_notice_seq = ?, reason = ?, received_ms = ?, updated_ms = ? WHERE id = ?")) {
            setBillState(p, 1, b);
            p.setString(10, b.id());
            if (p.executeUpdate() != 1) {
                throw new SQLException("no bill " + b.id());
            }
        }
    }

    @Override
    public void updateBillAndWallet(BillRecord b, WalletState w) {
        db.inTransaction(c -> {
            updateBill(c, b);
            updateWallet(c, w);
            return null;
        });
    }

    @Override
    public List<BillRecord> unpaidBills() {
        return bills(
                "SELECT " + BILL_COLUMNS + " FROM bills WHERE role = '" + BillRole.PAY.name()
                        + "' AND state <> ? ORDER BY bill_seq, id",
                BillState.PAID.name());
    }

    @Override
    public List<BillRecord> recentBills(int max) {
        return bills(
                "SELECT " + BILL_COLUMNS + " FROM bills ORDER BY state = '" + BillState.PAID.name()
                        + "', bill_seq DESC, id DESC LIMIT ?",
                max);
    }

    private List<BillRecord> bills(String sql, Object... args) {
        return db.read(c -> {
            List<BillRecord> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                bind(p, args);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        Bill bill = new Bill(
                                EagId.of(rs.getString(11)),
                                rs.getLong(2),
                                Instant.ofEpochMilli(rs.getLong(3)),
                                rs.getString(1),
                                Instant.ofEpochMilli(rs.getLong(4)),
                                rs.getString(5),
                                address(rs.getString(6)),
                                address(rs.getString(7)),
                                Energy.ofWh(rs.getLong(8)),
                                Price.ofMinorUnitsPerKWh(rs.getLong(9)),
                                CoinAmount.ofMinorUnits(rs.getLong(10)));
                        out.add(new BillRecord(
                                bill,
                                rs.getBytes(12),
                                BillRole.valueOf(rs.getString(13)),
                                BillState.valueOf(rs.getString(14)),
                                rs.getLong(15),
                                Optional.ofNullable(rs.getBytes(16)),
                                Optional.ofNullable(rs.getString(17)),
                                rs.getInt(18),
                                rs.getLong(19),
                                rs.getString(20),
                                Instant.ofEpochMilli(rs.getLong(21)),
                                Instant.ofEpochMilli(rs.getLong(22))));
                    }
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- wallets

    private static final String WALLET_COLUMNS =
            "address, balance, pending, notice_nonce, notice_seq, notice_ms, next_nonce";

    @Override
    public Optional<WalletState> wallet(WalletAddress address) {
        return first(wallets("SELECT " + WALLET_COLUMNS + " FROM wallets WHERE address = ?", address.toString()));
    }

    @Override
    public void updateWallet(WalletState w) {
        db.inTransaction(c -> {
            updateWallet(c, w);
            return null;
        });
    }

    private static void updateWallet(Connection c, WalletState w) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT OR REPLACE INTO wallets (" + WALLET_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, w.address().toString());
            p.setLong(2, w.balance().minorUnits());
            p.setLong(3, w.pending().minorUnits());
            p.setLong(4, w.noticeNonce());
            p.setLong(5, w.noticeSeq());
            p.setLong(6, w.noticeAt().toEpochMilli());
            p.setLong(7, w.nextNonce());
            p.executeUpdate();
        }
    }

    @Override
    public List<WalletState> wallets() {
        return wallets("SELECT " + WALLET_COLUMNS + " FROM wallets ORDER BY address");
    }

    private List<WalletState> wallets(String sql, Object... args) {
        return db.read(c -> {
            List<WalletState> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                bind(p, args);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new WalletState(
                                address(rs.getString(1)),
                                CoinAmount.ofMinorUnits(rs.getLong(2)),
                                CoinAmount.ofMinorUnits(rs.getLong(3)),
                                rs.getLong(4),
                                rs.getLong(5),
                                Instant.ofEpochMilli(rs.getLong(6)),
                                rs.getLong(7)));
                    }
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- co-signatures

    private static final String COSIGN_COLUMNS =
            "transfer_digest, bill, payer, payee, amount, nonce, envelope, cosign_digest, signed_ms, state, reason, updated_ms";

    @Override
    public Optional<CosignRecord> cosign(String transferDigest) {
        return first(cosigns("SELECT " + COSIGN_COLUMNS + " FROM cosigns WHERE transfer_digest = ?", transferDigest));
    }

    @Override
    public Optional<CosignRecord> cosignByReference(String digest) {
        return first(cosigns(
                "SELECT " + COSIGN_COLUMNS + " FROM cosigns WHERE transfer_digest = ?1 OR cosign_digest = ?1", digest));
    }

    @Override
    public void updateCosign(CosignRecord k) {
        db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO cosigns (" + COSIGN_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, k.transferDigest());
                p.setString(2, k.bill());
                p.setString(3, k.payer().toString());
                p.setString(4, k.payee().toString());
                p.setLong(5, k.amount().minorUnits());
                p.setLong(6, k.nonce());
                p.setBytes(7, k.envelope());
                p.setString(8, k.cosignDigest());
                p.setLong(9, k.signedAt().toEpochMilli());
                p.setString(10, k.state().name());
                p.setString(11, k.reason());
                p.setLong(12, k.updatedAt().toEpochMilli());
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<CosignRecord> unansweredCosigns() {
        return cosigns(
                "SELECT " + COSIGN_COLUMNS + " FROM cosigns WHERE state = ? ORDER BY signed_ms",
                CosignState.SENT.name());
    }

    @Override
    public List<CosignRecord> recentCosigns(int max) {
        return cosigns("SELECT " + COSIGN_COLUMNS + " FROM cosigns ORDER BY signed_ms DESC LIMIT ?", max);
    }

    private List<CosignRecord> cosigns(String sql, Object... args) {
        return db.read(c -> {
            List<CosignRecord> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                bind(p, args);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CosignRecord(
                                rs.getString(1),
                                rs.getString(2),
                                address(rs.getString(3)),
                                address(rs.getString(4)),
                                CoinAmount.ofMinorUnits(rs.getLong(5)),
                                rs.getLong(6),
                                rs.getBytes(7),
                                rs.getString(8),
                                Instant.ofEpochMilli(rs.getLong(9)),
                                CosignState.valueOf(rs.getString(10)),
                                rs.getString(11),
                                Instant.ofEpochMilli(rs.getLong(12))));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean cosignRefused(String transferDigest, String bill, String reason, String detail, Instant at) {
        return db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR IGNORE INTO cosign_refusals (transfer_digest, reason, bill, detail, at_ms) VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, transferDigest);
                p.setString(2, reason);
                p.setString(3, bill);
                p.setString(4, detail);
                p.setLong(5, at.toEpochMilli());
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public long cosignRefusals() {
        return db.read(c -> Outbox.count(c, "cosign_refusals"));
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

    private static void setOptionalWh(PreparedStatement p, int index, Optional<Energy> e) throws SQLException {
        if (e.isPresent()) {
            p.setLong(index, e.get().wh());
        } else {
            p.setNull(index, Types.INTEGER);
        }
    }

    private static WalletAddress address(String text) {
        WalletAddress.Parsed parsed = WalletAddress.parse(text);
        if (!parsed.isOk()) {
            throw new StoreException("the agent's file holds a damaged address '" + text + "'", null);
        }
        return parsed.address();
    }

    private static void bind(PreparedStatement p, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            p.setObject(i + 1, args[i]);
        }
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
