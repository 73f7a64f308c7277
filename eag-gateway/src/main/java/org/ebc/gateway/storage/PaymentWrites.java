package org.ebc.gateway.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.ebc.gateway.payment.Account;
import org.ebc.gateway.payment.Allocation;
import org.ebc.gateway.payment.Award;
import org.ebc.gateway.payment.BillRecord;
import org.ebc.gateway.payment.Change;
import org.ebc.gateway.payment.LedgerEntry;
import org.ebc.gateway.payment.Mint;
import org.ebc.gateway.payment.TransferRecord;
import org.ebc.gateway.payment.TransferState;
import org.ebc.units.NodeId;

/**
 * Writes one {@link Change} with the statements of schema V3, inside the caller's transaction. Order
 * matters for the constraints: bills before the transfers that refer to them, released transfers before
 * those that take their nonce or bill, mints before the awards they pay.
 */
final class PaymentWrites {
    @FunctionalInterface
    interface Statements {
        PreparedStatement sql(String text) throws SQLException;
    }

    private final Statements statements;

    PaymentWrites(Statements statements) {
        this.statements = statements;
    }

    void apply(Change c) throws SQLException {
        for (Account a : c.accounts()) {
            account(a);
        }
        for (BillRecord b : c.bills()) {
            bill(b);
        }
        for (TransferRecord t : c.transfers()) {
            if (t.state() == TransferState.RELEASED) {
                transfer(t);
            }
        }
        for (TransferRecord t : c.transfers()) {
            if (t.state() != TransferState.RELEASED) {
                transfer(t);
            }
        }
        for (Change.NewEntry e : c.pool()) {
            enter(e);
        }
        for (Change.Committed m : c.committed()) {
            PreparedStatement p = statements.sql(
                    "UPDATE memory_pool SET status = 'committed', committed_ms = ? WHERE id = ? AND status = 'ready'");
            p.setLong(1, m.at().toEpochMilli());
            p.setString(2, m.id());
            p.executeUpdate();
        }
        for (Allocation a : c.allocations()) {
            PreparedStatement p = statements.sql(
                    "INSERT INTO payment_allocations (holder_key, holder, grid, address, amount, at_ms) VALUES (?, ?, ?, ?, ?, ?)");
            p.setString(1, a.key());
            p.setString(2, a.holder());
            p.setInt(3, a.grid() ? 1 : 0);
            p.setString(4, a.to().toString());
            p.setLong(5, a.amount().minorUnits());
            p.setLong(6, a.at().toEpochMilli());
            p.executeUpdate();
        }
        for (Mint m : c.mints()) {
            PreparedStatement p = statements.sql(
                    "INSERT INTO payment_mints (ref, address, amount, award_period_ms, at_ms) VALUES (?, ?, ?, ?, ?)");
            p.setString(1, m.ref());
            p.setString(2, m.to().toString());
            p.setLong(3, m.amount().minorUnits());
            PaymentRows.setTime(p, 4, m.awardPeriod());
            p.setLong(5, m.at().toEpochMilli());
            p.executeUpdate();
        }
        for (Award a : c.awards()) {
            PreparedStatement p = statements.sql(
                    "INSERT INTO pof_awards (period_ms, address, amount, wh, entry, paid_by) VALUES (?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (period_ms) DO UPDATE SET address = excluded.address, amount = excluded.amount, "
                            + "wh = excluded.wh, entry = excluded.entry, paid_by = excluded.paid_by");
            p.setLong(1, a.period().toEpochMilli());
            p.setString(2, a.to().toString());
            p.setLong(3, a.amount().minorUnits());
            p.setLong(4, a.wh().wh());
            p.setString(5, a.entry());
            p.setString(6, a.paidBy());
            p.executeUpdate();
        }
        for (var e : c.credits().entrySet()) {
            upsertValue("credit_values", "node_id", e.getKey(), e.getValue());
        }
        for (var e : c.meta().entrySet()) {
            upsertValue("payment_meta", "name", e.getKey(), e.getValue());
        }
    }

    private void upsertValue(String table, String keyColumn, Object key, long value) throws SQLException {
        PreparedStatement p = statements.sql("INSERT INTO " + table + " (" + keyColumn + ", value) VALUES (?, ?) "
                + "ON CONFLICT (" + keyColumn + ") DO UPDATE SET value = excluded.value");
        p.setString(1, key instanceof NodeId n ? n.value() : key.toString());
        p.setLong(2, value);
        p.executeUpdate();
    }

    private void account(Account a) throws SQLException {
        PreparedStatement p = statements.sql(
                "INSERT INTO payment_accounts (address, balance, reserved, next_nonce, applied_nonce) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (address) DO UPDATE SET balance = excluded.balance, reserved = excluded.reserved, "
                        + "next_nonce = excluded.next_nonce, applied_nonce = excluded.applied_nonce");
        p.setString(1, a.address().toString());
        p.setLong(2, a.balance().minorUnits());
        p.setLong(3, a.reserved().minorUnits());
        p.setLong(4, a.nextNonce());
        p.setLong(5, a.appliedNonce());
        p.executeUpdate();
    }

    private void bill(BillRecord b) throws SQLException {
        // The bill's own fields never change after issue; only its payment columns are updated.
        PreparedStatement p = statements.sql("INSERT INTO payment_bills (" + PaymentRows.BILL
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (id) DO UPDATE SET status = excluded.status, transfer = excluded.transfer, "
                + "attempts = excluded.attempts, retry_ms = excluded.retry_ms, paid_ms = excluded.paid_ms, "
                + "covered_by = excluded.covered_by");
        PaymentRows.bindBill(p, b);
        p.executeUpdate();
    }

    private void transfer(TransferRecord t) throws SQLException {
        PreparedStatement p = statements.sql(
                "INSERT INTO payment_transfers (digest, payer, nonce, payee, amount, bill, state, admitted_ms, deadline_ms, raw, cosign, released_as) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (digest) DO UPDATE SET state = excluded.state, admitted_ms = excluded.admitted_ms, "
                        + "deadline_ms = excluded.deadline_ms, cosign = excluded.cosign, released_as = excluded.released_as");
        p.setString(1, t.digest());
        p.setString(2, t.payer().toString());
        p.setLong(3, t.nonce());
        p.setString(4, t.payee().toString());
        p.setLong(5, t.amount().minorUnits());
        p.setString(6, t.bill());
        p.setString(7, PaymentRows.word(t.state()));
        p.setLong(8, t.admittedAt().toEpochMilli());
        p.setLong(9, t.deadline().toEpochMilli());
        p.setBytes(10, t.raw());
        p.setBytes(11, t.cosign());
        p.setString(12, t.releasedAs() == null ? null : t.releasedAs().name());
        p.executeUpdate();
    }

    private void enter(Change.NewEntry n) throws SQLException {
        LedgerEntry e = n.entry();
        PreparedStatement p = statements.sql(
                "INSERT INTO memory_pool (id, kind, body, cosign, address, amount, holder, period_ms, wh, entered_ms, status) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ready')");
        p.setString(1, e.id());
        p.setString(2, e.kind());
        p.setBytes(3, e.body());
        p.setBytes(4, e instanceof LedgerEntry.TransferEntry t ? t.cosign() : null);
        String address = null;
        Long amount = null;
        String holder = null;
        Long period = null;
        Long wh = null;
        if (e instanceof LedgerEntry.AllocationEntry a) {
            address = a.to().toString();
            amount = a.amount().minorUnits();
            holder = a.holder();
        } else if (e instanceof LedgerEntry.AwardEntry a) {
            address = a.to().toString();
            amount = a.amount().minorUnits();
            period = a.period().toEpochMilli();
            wh = a.wh().wh();
        }
        p.setString(5, address);
        SqlitePaymentStore.setNullableLong(p, 6, amount);
        p.setString(7, holder);
        SqlitePaymentStore.setNullableLong(p, 8, period);
        SqlitePaymentStore.setNullableLong(p, 9, wh);
        p.setLong(10, n.at().toEpochMilli());
        p.executeUpdate();
    }
}
