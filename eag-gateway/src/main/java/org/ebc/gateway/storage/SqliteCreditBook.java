package org.ebc.gateway.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.ebc.credit.CreditToken;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.gateway.credit.BankBooks;
import org.ebc.gateway.credit.BlacklistEntry;
import org.ebc.gateway.credit.CreditBook;
import org.ebc.gateway.credit.Loan;
import org.ebc.gateway.credit.pricing.RepaymentRecord;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;

/**
 * The credit bank's {@link CreditBook} in the gateway's SQLite file (V5). A loan row keeps the newest token's exact
 * signed bytes and the token is read back from them. {@link #atomically} runs one bank operation in one
 * {@code BEGIN IMMEDIATE … COMMIT} (fsync'd); calls outside it commit one by one. Owns its connection; the methods
 * are synchronized (the bank is single-threaded, the operator's commands may read from another thread).
 */
public final class SqliteCreditBook implements CreditBook, AutoCloseable {
    private final Connection c;
    private int depth;

    /**
     * @param connection a writer connection on a migrated database (owned from now on)
     * @param capital the bank's capital when its books are opened for the first time (ignored afterwards)
     */
    public SqliteCreditBook(Connection connection, CoinAmount capital) {
        this(connection);
        try (PreparedStatement s = c.prepareStatement(
                "INSERT OR IGNORE INTO credit_books (id, capital, income, losses, loans) VALUES (1, ?, 0, 0, 0)")) {
            s.setLong(1, capital.minorUnits());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot open the credit bank's books: " + e.getMessage(), e);
        }
    }

    private SqliteCreditBook(Connection connection) {
        this.c = connection;
    }

    /** The book on a read-only connection, for the operator's commands while the gateway runs (reads only). */
    public static SqliteCreditBook reader(Connection readOnly) {
        return new SqliteCreditBook(readOnly);
    }

    @Override
    public synchronized <T> T atomically(Supplier<T> operation) {
        if (depth > 0) {
            return operation.get();
        }
        try {
            WriteTransaction.begin(c);
            depth++;
            T out;
            try {
                out = operation.get();
            } catch (RuntimeException e) {
                depth--;
                WriteTransaction.rollback(c);
                throw e;
            }
            depth--;
            WriteTransaction.commit(c);
            return out;
        } catch (SQLException e) {
            WriteTransaction.rollback(c);
            throw new StorageException("the credit bank could not commit: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<Loan> loan(String tokenId) {
        List<Loan> l = loans("SELECT status, drawn, token FROM credit_loans WHERE token_id = ?", tokenId);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    @Override
    public synchronized Optional<Loan> liveLoan(NodeId borrower) {
        List<Loan> l = loans(
                "SELECT status, drawn, token FROM credit_loans WHERE borrower = ? AND status IN ('OPEN', 'LATE')",
                borrower.value());
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    @Override
    public synchronized List<Loan> liveLoans() {
        return loans(
                "SELECT status, drawn, token FROM credit_loans WHERE status IN ('OPEN', 'LATE') ORDER BY token_id");
    }

    @Override
    public synchronized List<Loan> allLoans() {
        return loans("SELECT status, drawn, token FROM credit_loans ORDER BY token_id");
    }

    private List<Loan> loans(String sql, String... args) {
        List<Loan> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byte[] signed = r.getBytes(3);
                    out.add(new Loan(
                            token(signed),
                            signed,
                            CoinAmount.ofMinorUnits(r.getLong(2)),
                            Loan.Status.valueOf(r.getString(1))));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the credit bank's loans: " + e.getMessage(), e);
        }
        return out;
    }

    private static CreditToken token(byte[] signed) {
        EnvelopeResult framed = EnvelopeCodec.frame(signed, EnvelopeCodec.DEFAULT_MAX_BYTES);
        if (framed.isOk()) {
            EnvelopeResult parsed = EnvelopeCodec.parsePayload(framed.envelope());
            if (parsed.isOk()) {
                Decoded<CreditToken> d = CreditToken.from(parsed.envelope());
                if (d.isOk()) {
                    return d.value();
                }
                throw new StorageException("a stored credit token does not read: " + d.problem());
            }
        }
        throw new StorageException("a stored credit token is not a signed envelope");
    }

    @Override
    public synchronized void put(Loan loan) {
        update(
                "INSERT INTO credit_loans (token_id, borrower, status, drawn, token) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (token_id) DO UPDATE SET status = excluded.status, drawn = excluded.drawn,"
                        + " token = excluded.token",
                s -> {
                    s.setString(1, loan.id());
                    s.setString(2, loan.token().borrower().value());
                    s.setString(3, loan.status().name());
                    s.setLong(4, loan.drawn().minorUnits());
                    s.setBytes(5, loan.signed());
                });
    }

    @Override
    public synchronized RepaymentRecord record(NodeId borrower) {
        try (PreparedStatement s =
                c.prepareStatement("SELECT repaid_in_time, late FROM credit_records WHERE node = ?")) {
            s.setString(1, borrower.value());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new RepaymentRecord(r.getInt(1), r.getInt(2)) : RepaymentRecord.NONE;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read a repayment record: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void putRecord(NodeId borrower, RepaymentRecord record) {
        update(
                "INSERT INTO credit_records (node, repaid_in_time, late) VALUES (?, ?, ?) ON CONFLICT (node) DO UPDATE"
                        + " SET repaid_in_time = excluded.repaid_in_time, late = excluded.late",
                s -> {
                    s.setString(1, borrower.value());
                    s.setInt(2, record.repaidInTime());
                    s.setInt(3, record.late());
                });
    }

    @Override
    public synchronized Optional<BlacklistEntry> blacklisted(NodeId borrower) {
        try (PreparedStatement s =
                c.prepareStatement("SELECT bank, token, at_ms FROM credit_blacklist WHERE node = ?")) {
            s.setString(1, borrower.value());
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new BlacklistEntry(
                                borrower, EagId.of(r.getString(1)), r.getString(2), Instant.ofEpochMilli(r.getLong(3))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the blacklist: " + e.getMessage(), e);
        }
    }

    /** The whole blacklist, oldest first. */
    public synchronized List<BlacklistEntry> blacklist() {
        List<BlacklistEntry> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                        "SELECT node, bank, token, at_ms FROM credit_blacklist ORDER BY at_ms, node");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new BlacklistEntry(
                        NodeId.of(r.getString(1)),
                        EagId.of(r.getString(2)),
                        r.getString(3),
                        Instant.ofEpochMilli(r.getLong(4))));
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the blacklist: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public synchronized void blacklist(BlacklistEntry entry) {
        update("INSERT OR IGNORE INTO credit_blacklist (node, bank, token, at_ms) VALUES (?, ?, ?, ?)", s -> {
            s.setString(1, entry.node().value());
            s.setString(2, entry.bank().value());
            s.setString(3, entry.token());
            s.setLong(4, entry.at().toEpochMilli());
        });
    }

    @Override
    public synchronized Optional<String> paidBill(String bill) {
        try (PreparedStatement s = c.prepareStatement("SELECT token_id FROM credit_bills WHERE bill = ?")) {
            s.setString(1, bill);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the credit bills: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void markBillPaid(String bill, String tokenId) {
        update("INSERT INTO credit_bills (bill, token_id) VALUES (?, ?)", s -> {
            s.setString(1, bill);
            s.setString(2, tokenId);
        });
    }

    @Override
    public synchronized long lastMessage(NodeId node) {
        try (PreparedStatement s = c.prepareStatement("SELECT seq FROM credit_message_seq WHERE node = ?")) {
            s.setString(1, node.value());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read a node's last credit message: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void putLastMessage(NodeId node, long seq) {
        update(
                "INSERT INTO credit_message_seq (node, seq) VALUES (?, ?) ON CONFLICT (node) DO UPDATE SET seq = excluded.seq",
                s -> {
                    s.setString(1, node.value());
                    s.setLong(2, seq);
                });
    }

    @Override
    public synchronized BankBooks books() {
        try (PreparedStatement s = c.prepareStatement("SELECT capital, income, losses FROM credit_books WHERE id = 1");
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new StorageException("the credit bank's books are missing");
            }
            return new BankBooks(
                    CoinAmount.ofMinorUnits(r.getLong(1)),
                    CoinAmount.ofMinorUnits(r.getLong(2)),
                    CoinAmount.ofMinorUnits(r.getLong(3)));
        } catch (SQLException e) {
            throw new StorageException("cannot read the credit bank's books: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void putBooks(BankBooks books) {
        update("UPDATE credit_books SET capital = ?, income = ?, losses = ? WHERE id = 1", s -> {
            s.setLong(1, books.capital().minorUnits());
            s.setLong(2, books.income().minorUnits());
            s.setLong(3, books.losses().minorUnits());
        });
    }

    @Override
    public synchronized long nextLoanNumber() {
        update("UPDATE credit_books SET loans = loans + 1 WHERE id = 1", s -> {});
        try (PreparedStatement s = c.prepareStatement("SELECT loans FROM credit_books WHERE id = 1");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StorageException("cannot number a loan: " + e.getMessage(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("the credit bank could not write: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            c.close();
        } catch (SQLException e) {
            // best effort: every operation was committed
        }
    }
}
