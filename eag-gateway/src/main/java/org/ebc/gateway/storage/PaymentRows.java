package org.ebc.gateway.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Locale;
import org.ebc.gateway.payment.Account;
import org.ebc.gateway.payment.Allocation;
import org.ebc.gateway.payment.Award;
import org.ebc.gateway.payment.BillRecord;
import org.ebc.gateway.payment.BillStatus;
import org.ebc.gateway.payment.LedgerEntry;
import org.ebc.gateway.payment.Mint;
import org.ebc.gateway.payment.PaymentStoreException;
import org.ebc.gateway.payment.PoolEntry;
import org.ebc.gateway.payment.Refusal;
import org.ebc.gateway.payment.TransferRecord;
import org.ebc.gateway.payment.TransferState;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/** Maps the payment tables of schema V3 (with V7's bill cover) to the payment core's records and back. Stateless. */
final class PaymentRows {
    static final String ACCOUNT = "address, balance, reserved, next_nonce, applied_nonce";
    static final String BILL =
            "id, eag, seq, issued_ms, slot_ms, kind, payer, payee, wh, price, amount, status, transfer, "
                    + "attempts, retry_ms, paid_ms, covered_by";
    static final String TRANSFER = "digest, raw, state, admitted_ms, deadline_ms, cosign, released_as";
    static final String POOL =
            "seq, id, kind, body, cosign, address, amount, holder, period_ms, wh, entered_ms, status, "
                    + "committed_ms";
    static final String ALLOCATION = "holder, grid, address, amount, at_ms";
    static final String MINT = "ref, address, amount, award_period_ms, at_ms";
    static final String AWARD = "period_ms, address, amount, wh, entry, paid_by";

    private PaymentRows() {}

    static WalletAddress address(String text) {
        return WalletAddress.tryParse(text)
                .orElseThrow(() -> new PaymentStoreException("stored wallet address " + text + " is not valid"));
    }

    static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static Instant time(long ms) {
        return Instant.ofEpochMilli(ms);
    }

    static Instant timeOrNull(ResultSet r, int column) throws SQLException {
        long ms = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    static void setTime(PreparedStatement p, int i, Instant t) throws SQLException {
        if (t == null) {
            p.setNull(i, Types.INTEGER);
        } else {
            p.setLong(i, t.toEpochMilli());
        }
    }

    static Account account(ResultSet r) throws SQLException {
        return new Account(
                address(r.getString(1)),
                CoinAmount.ofMinorUnits(r.getLong(2)),
                CoinAmount.ofMinorUnits(r.getLong(3)),
                r.getLong(4),
                r.getLong(5));
    }

    static BillRecord bill(ResultSet r) throws SQLException {
        Bill b = new Bill(
                EagId.of(r.getString(2)),
                r.getLong(3),
                time(r.getLong(4)),
                r.getString(1),
                time(r.getLong(5)),
                r.getString(6),
                address(r.getString(7)),
                address(r.getString(8)),
                Energy.ofWh(r.getLong(9)),
                Price.ofMinorUnitsPerKWh(r.getLong(10)),
                CoinAmount.ofMinorUnits(r.getLong(11)));
        return new BillRecord(
                b,
                BillStatus.valueOf(r.getString(12).toUpperCase(Locale.ROOT)),
                r.getString(13),
                r.getInt(14),
                timeOrNull(r, 15),
                timeOrNull(r, 16),
                r.getString(17));
    }

    static void bindBill(PreparedStatement p, BillRecord r) throws SQLException {
        Bill b = r.bill();
        p.setString(1, b.id());
        p.setString(2, b.eag().value());
        p.setLong(3, b.seq());
        p.setLong(4, b.at().toEpochMilli());
        p.setLong(5, b.slot().toEpochMilli());
        p.setString(6, b.kind());
        p.setString(7, b.payer().toString());
        p.setString(8, b.payee().toString());
        p.setLong(9, b.energy().wh());
        p.setLong(10, b.price().minorUnitsPerKWh());
        p.setLong(11, b.amount().minorUnits());
        p.setString(12, word(r.status()));
        p.setString(13, r.transfer());
        p.setInt(14, r.attempts());
        setTime(p, 15, r.retryAt());
        setTime(p, 16, r.paidAt());
        p.setString(17, r.coveredBy());
    }

    static TransferRecord transfer(ResultSet r) throws SQLException {
        byte[] raw = r.getBytes(2);
        String released = r.getString(7);
        return new TransferRecord(
                r.getString(1),
                raw,
                TransferRecord.decode(raw),
                TransferState.valueOf(r.getString(3).toUpperCase(Locale.ROOT)),
                time(r.getLong(4)),
                time(r.getLong(5)),
                r.getBytes(6),
                released == null ? null : Refusal.valueOf(released));
    }

    static PoolEntry poolEntry(ResultSet r) throws SQLException {
        String kind = r.getString(3);
        byte[] body = r.getBytes(4);
        LedgerEntry entry = switch (kind) {
            case LedgerEntry.TransferEntry.KIND -> new LedgerEntry.TransferEntry(body, r.getBytes(5));
            case LedgerEntry.AllocationEntry.KIND ->
                new LedgerEntry.AllocationEntry(
                        address(r.getString(6)), CoinAmount.ofMinorUnits(r.getLong(7)), r.getString(8));
            case LedgerEntry.AwardEntry.KIND ->
                new LedgerEntry.AwardEntry(
                        address(r.getString(6)),
                        CoinAmount.ofMinorUnits(r.getLong(7)),
                        time(r.getLong(9)),
                        Energy.ofWh(r.getLong(10)));
            default -> new LedgerEntry.DocumentEntry(kind, body);
        };
        String id = r.getString(2);
        if (!entry.id().equals(id)) {
            throw new PaymentStoreException("memory-pool entry " + id + " does not hash to its id");
        }
        return new PoolEntry(
                r.getLong(1),
                id,
                entry,
                time(r.getLong(11)),
                PoolEntry.Status.valueOf(r.getString(12).toUpperCase(Locale.ROOT)),
                timeOrNull(r, 13));
    }

    static Allocation allocation(ResultSet r) throws SQLException {
        return new Allocation(
                r.getString(1),
                r.getInt(2) == 1,
                address(r.getString(3)),
                CoinAmount.ofMinorUnits(r.getLong(4)),
                time(r.getLong(5)));
    }

    static Mint mint(ResultSet r) throws SQLException {
        return new Mint(
                r.getString(1),
                address(r.getString(2)),
                CoinAmount.ofMinorUnits(r.getLong(3)),
                timeOrNull(r, 4),
                time(r.getLong(5)));
    }

    static Award award(ResultSet r) throws SQLException {
        return new Award(
                time(r.getLong(1)),
                address(r.getString(2)),
                CoinAmount.ofMinorUnits(r.getLong(3)),
                Energy.ofWh(r.getLong(4)),
                r.getString(5),
                r.getString(6));
    }
}
