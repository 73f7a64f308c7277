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
import org.ebc.agent.trading.BillRecord;
import org.ebc.agent.trading.BillRole;
import org.ebc.agent.trading.BillState;
import org.ebc.agent.trading.CosignRecord;
import org.ebc.agent.trading.CosignState;
import org.ebc.agent.trading.WalletState;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * The payment half of {@link SqliteTradeLedger}: bills, wallet states and co-signatures (tables {@code bills},
 * {@code wallets}, {@code cosigns}, {@code cosign_refusals}). Each write is one fsync'd transaction; a bill and
 * its address's state (a transfer and the nonce it used) are written in one.
 *
 * <p>Not thread-safe: the agent thread owns the connection.
 */
final class SqlitePayments {
    private final AgentDatabase db;

    SqlitePayments(AgentDatabase db) {
        this.db = db;
    }

    // ---------------------------------------------------------------- bills

    private static final String BILL_COLUMNS =
            "id, bill_seq, issued_ms, slot_ms, kind, payer, payee, wh, price, amount, eag, envelope, role, state, nonce, "
                    + "transfer, transfer_digest, nonce_retries, wait_notice_seq, reason, received_ms, updated_ms";

    boolean addBill(BillRecord b) {
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

    Optional<BillRecord> bill(String id) {
        return SqliteTradeLedger.first(bills("SELECT " + BILL_COLUMNS + " FROM bills WHERE id = ?", id));
    }

    Optional<BillRecord> billByTransfer(String transferDigest) {
        return SqliteTradeLedger.first(
                bills("SELECT " + BILL_COLUMNS + " FROM bills WHERE transfer_digest = ?", transferDigest));
    }

    void updateBill(BillRecord b) {
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

    void updateBillAndWallet(BillRecord b, WalletState w) {
        db.inTransaction(c -> {
            updateBill(c, b);
            updateWallet(c, w);
            return null;
        });
    }

    List<BillRecord> unpaidBills() {
        return bills(
                "SELECT " + BILL_COLUMNS + " FROM bills WHERE role = '" + BillRole.PAY.name()
                        + "' AND state NOT IN (?, ?) ORDER BY bill_seq, id",
                BillState.PAID.name(),
                BillState.COVERED.name());
    }

    List<BillRecord> recentBills(int max) {
        return bills(
                "SELECT " + BILL_COLUMNS + " FROM bills ORDER BY state = '" + BillState.PAID.name()
                        + "', bill_seq DESC, id DESC LIMIT ?",
                max);
    }

    private List<BillRecord> bills(String sql, Object... args) {
        return db.read(c -> {
            List<BillRecord> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                SqliteTradeLedger.bind(p, args);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        Bill bill = new Bill(
                                EagId.of(rs.getString(11)),
                                rs.getLong(2),
                                Instant.ofEpochMilli(rs.getLong(3)),
                                rs.getString(1),
                                Instant.ofEpochMilli(rs.getLong(4)),
                                rs.getString(5),
                                SqliteTradeLedger.address(rs.getString(6)),
                                SqliteTradeLedger.address(rs.getString(7)),
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

    Optional<WalletState> wallet(WalletAddress address) {
        return SqliteTradeLedger.first(
                wallets("SELECT " + WALLET_COLUMNS + " FROM wallets WHERE address = ?", address.toString()));
    }

    void updateWallet(WalletState w) {
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

    List<WalletState> wallets() {
        return wallets("SELECT " + WALLET_COLUMNS + " FROM wallets ORDER BY address");
    }

    private List<WalletState> wallets(String sql, Object... args) {
        return db.read(c -> {
            List<WalletState> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                SqliteTradeLedger.bind(p, args);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new WalletState(
                                SqliteTradeLedger.address(rs.getString(1)),
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

    Optional<CosignRecord> cosign(String transferDigest) {
        return SqliteTradeLedger.first(
                cosigns("SELECT " + COSIGN_COLUMNS + " FROM cosigns WHERE transfer_digest = ?", transferDigest));
    }

    Optional<CosignRecord> cosignByReference(String digest) {
        return SqliteTradeLedger.first(cosigns(
                "SELECT " + COSIGN_COLUMNS + " FROM cosigns WHERE transfer_digest = ?1 OR cosign_digest = ?1", digest));
    }

    void updateCosign(CosignRecord k) {
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

    List<CosignRecord> unansweredCosigns() {
        return cosigns(
                "SELECT " + COSIGN_COLUMNS + " FROM cosigns WHERE state = ? ORDER BY signed_ms",
                CosignState.SENT.name());
    }

    List<CosignRecord> recentCosigns(int max) {
        return cosigns("SELECT " + COSIGN_COLUMNS + " FROM cosigns ORDER BY signed_ms DESC LIMIT ?", max);
    }

    private List<CosignRecord> cosigns(String sql, Object... args) {
        return db.read(c -> {
            List<CosignRecord> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                SqliteTradeLedger.bind(p, args);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CosignRecord(
                                rs.getString(1),
                                rs.getString(2),
                                SqliteTradeLedger.address(rs.getString(3)),
                                SqliteTradeLedger.address(rs.getString(4)),
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

    boolean cosignRefused(String transferDigest, String bill, String reason, String detail, Instant at) {
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

    long cosignRefusals() {
        return db.read(c -> Outbox.count(c, "cosign_refusals"));
    }
}
