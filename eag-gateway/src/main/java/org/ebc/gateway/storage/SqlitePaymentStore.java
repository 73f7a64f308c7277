package org.ebc.gateway.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.ebc.gateway.payment.Account;
import org.ebc.gateway.payment.Allocation;
import org.ebc.gateway.payment.Award;
import org.ebc.gateway.payment.BillFilter;
import org.ebc.gateway.payment.BillRecord;
import org.ebc.gateway.payment.Change;
import org.ebc.gateway.payment.Mint;
import org.ebc.gateway.payment.PaymentStore;
import org.ebc.gateway.payment.PaymentStoreException;
import org.ebc.gateway.payment.PoolEntry;
import org.ebc.gateway.payment.Totals;
import org.ebc.gateway.payment.TransferRecord;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * The payment state in the gateway's SQLite database (schema V3). Uses its own connection (opened with
 * WAL and {@code synchronous=FULL} by {@link GatewayDatabase}): each {@link #commit} is one transaction,
 * fsync'd before it returns, so a change survives a crash whole or not at all.
 *
 * <p>Thread-safe: every method holds the store's lock. A database error is a {@link PaymentStoreException}
 * (nothing of the change is kept): an operational fault, never a refusal of input.
 */
public final class SqlitePaymentStore implements PaymentStore, AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    /** @param connection a migrated connection ({@link GatewayDatabase#openMigrated}); the store owns it */
    public SqlitePaymentStore(Connection connection) {
        this.connection = connection;
    }

    private PreparedStatement sql(String text) throws SQLException {
        PreparedStatement p = statements.get(text);
        if (p == null) {
            p = connection.prepareStatement(text);
            statements.put(text, p);
        }
        return p;
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private <T> List<T> query(String text, Binder binder, Row<T> row) {
        try {
            PreparedStatement p = sql(text);
            p.clearParameters();
            binder.bind(p);
            List<T> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(row.read(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new PaymentStoreException("cannot read payments: " + e.getMessage(), e);
        }
    }

    private <T> Optional<T> one(String text, Binder binder, Row<T> row) {
        return query(text, binder, row).stream().findFirst();
    }

    @Override
    public synchronized Optional<Account> account(WalletAddress address) {
        return one(
                "SELECT " + PaymentRows.ACCOUNT + " FROM payment_accounts WHERE address = ?",
                p -> p.setString(1, address.toString()),
                PaymentRows::account);
    }

    @Override
    public synchronized Optional<TransferRecord> transfer(String digest) {
        return one(
                "SELECT " + PaymentRows.TRANSFER + " FROM payment_transfers WHERE digest = ?",
                p -> p.setString(1, digest),
                PaymentRows::transfer);
    }

    @Override
    public synchronized List<TransferRecord> liveTransfers(WalletAddress payer) {
        return query(
                "SELECT " + PaymentRows.TRANSFER
                        + " FROM payment_transfers WHERE payer = ? AND state IN ('pending', 'cosigned') ORDER BY nonce",
                p -> p.setString(1, payer.toString()),
                PaymentRows::transfer);
    }

    @Override
    public synchronized List<TransferRecord> liveTransfers() {
        return query(
                "SELECT " + PaymentRows.TRANSFER
                        + " FROM payment_transfers WHERE state IN ('pending', 'cosigned') ORDER BY admitted_ms, payer, nonce",
                p -> {},
                PaymentRows::transfer);
    }

    @Override
    public synchronized List<TransferRecord> overdue(Instant now) {
        return query(
                "SELECT " + PaymentRows.TRANSFER
                        + " FROM payment_transfers WHERE state = 'pending' AND deadline_ms < ? "
                        + "ORDER BY deadline_ms, payer, nonce",
                p -> p.setLong(1, now.toEpochMilli()),
                PaymentRows::transfer);
    }

    @Override
    public synchronized Optional<BillRecord> bill(String id) {
        return one(
                "SELECT " + PaymentRows.BILL + " FROM payment_bills WHERE id = ?",
                p -> p.setString(1, id),
                PaymentRows::bill);
    }

    @Override
    public synchronized List<BillRecord> bills(BillFilter filter) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.parties() != null) {
            if (filter.parties().isEmpty()) {
                return List.of();
            }
            String marks = String.join(
                    ", ", java.util.Collections.nCopies(filter.parties().size(), "?"));
            where.append(" AND (payer IN (")
                    .append(marks)
                    .append(") OR payee IN (")
                    .append(marks)
                    .append("))");
            List<String> texts = filter.parties().stream()
                    .map(WalletAddress::toString)
                    .sorted()
                    .toList();
            args.addAll(texts);
            args.addAll(texts);
        }
        if (filter.slot() != null) {
            where.append(" AND slot_ms = ?");
            args.add(filter.slot().toEpochMilli());
        }
        if (filter.status() != null) {
            where.append(" AND status = ?");
            args.add(PaymentRows.word(filter.status()));
        }
        if (filter.kind() != null) {
            where.append(" AND kind = ?");
            args.add(filter.kind());
        }
        return query(
                "SELECT " + PaymentRows.BILL + " FROM payment_bills" + where + " ORDER BY seq, id",
                p -> {
                    for (int i = 0; i < args.size(); i++) {
                        p.setObject(i + 1, args.get(i));
                    }
                },
                PaymentRows::bill);
    }

    @Override
    public synchronized List<BillRecord> bills(String kind, Instant from, Instant to) {
        return query(
                "SELECT " + PaymentRows.BILL
                        + " FROM payment_bills WHERE slot_ms >= ? AND slot_ms < ? AND kind = ? ORDER BY seq, id",
                p -> {
                    p.setLong(1, from.toEpochMilli());
                    p.setLong(2, to.toEpochMilli());
                    p.setString(3, kind);
                },
                PaymentRows::bill);
    }

    @Override
    public synchronized Optional<Allocation> allocation(String key) {
        return one(
                "SELECT " + PaymentRows.ALLOCATION + " FROM payment_allocations WHERE holder_key = ?",
                p -> p.setString(1, key),
                PaymentRows::allocation);
    }

    @Override
    public synchronized Optional<Mint> mint(String ref) {
        return one(
                "SELECT " + PaymentRows.MINT + " FROM payment_mints WHERE ref = ?",
                p -> p.setString(1, ref),
                PaymentRows::mint);
    }

    @Override
    public synchronized Optional<Award> award(Instant period) {
        return one(
                "SELECT " + PaymentRows.AWARD + " FROM pof_awards WHERE period_ms = ?",
                p -> p.setLong(1, period.toEpochMilli()),
                PaymentRows::award);
    }

    @Override
    public synchronized List<Award> awards() {
        return query(
                "SELECT " + PaymentRows.AWARD + " FROM pof_awards ORDER BY period_ms", p -> {}, PaymentRows::award);
    }

    @Override
    public synchronized OptionalLong credit(NodeId node) {
        return one(
                        "SELECT value FROM credit_values WHERE node_id = ?",
                        p -> p.setString(1, node.value()),
                        r -> r.getLong(1))
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    @Override
    public synchronized OptionalLong meta(String name) {
        return one("SELECT value FROM payment_meta WHERE name = ?", p -> p.setString(1, name), r -> r.getLong(1))
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    @Override
    public synchronized List<PoolEntry> pool(PoolEntry.Status status, int limit) {
        return query(
                "SELECT " + PaymentRows.POOL + " FROM memory_pool WHERE status = ? ORDER BY seq LIMIT ?",
                p -> {
                    p.setString(1, PaymentRows.word(status));
                    p.setInt(2, limit);
                },
                PaymentRows::poolEntry);
    }

    @Override
    public synchronized Optional<PoolEntry> poolEntry(String id) {
        return one(
                "SELECT " + PaymentRows.POOL + " FROM memory_pool WHERE id = ?",
                p -> p.setString(1, id),
                PaymentRows::poolEntry);
    }

    @Override
    public synchronized long poolCount(PoolEntry.Status status) {
        return one(
                        "SELECT COUNT(*) FROM memory_pool WHERE status = ?",
                        p -> p.setString(1, PaymentRows.word(status)),
                        r -> r.getLong(1))
                .orElse(0L);
    }

    @Override
    public synchronized Totals totals() {
        return one(
                        "SELECT (SELECT COALESCE(SUM(balance), 0) FROM payment_accounts), (SELECT COALESCE(SUM(reserved), 0) FROM payment_accounts), "
                                + "(SELECT COALESCE(SUM(amount), 0) FROM payment_allocations), (SELECT COALESCE(SUM(amount), 0) FROM payment_mints), "
                                + "(SELECT COUNT(*) FROM payment_accounts)",
                        p -> {},
                        r -> new Totals(
                                CoinAmount.ofMinorUnits(r.getLong(1)),
                                CoinAmount.ofMinorUnits(r.getLong(2)),
                                CoinAmount.ofMinorUnits(r.getLong(3)),
                                CoinAmount.ofMinorUnits(r.getLong(4)),
                                r.getLong(5)))
                .orElseThrow();
    }

    @Override
    public synchronized void commit(Change change) {
        try {
            connection.setAutoCommit(false);
            try {
                new PaymentWrites(this::sql).apply(change);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new PaymentStoreException(
                    "cannot commit a payment change (nothing of it was kept): " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            for (PreparedStatement p : statements.values()) {
                p.close();
            }
            statements.clear();
            connection.close();
        } catch (SQLException e) {
            throw new PaymentStoreException(
                    "cannot close the payment store's database connection: " + e.getMessage(), e);
        }
    }

    static void setNullableLong(PreparedStatement p, int i, Long v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.INTEGER);
        } else {
            p.setLong(i, v);
        }
    }
}
