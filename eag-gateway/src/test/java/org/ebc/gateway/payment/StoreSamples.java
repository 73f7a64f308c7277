package org.ebc.gateway.payment;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Sha256;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/** Records to commit straight to a store, for the store contract (no core involved). */
final class StoreSamples {
    static final Instant T = Instant.parse("2026-12-04T12:00:00Z");
    final KeyPair payerKey = KeyPairs.generate();
    final WalletAddress payer = WalletAddress.of(payerKey.getPublic());
    final WalletAddress payee = WalletAddress.of(KeyPairs.generate().getPublic());
    private long seq;

    Bill bill(String id, String kind, Instant slot, long coins) {
        seq++;
        Price p = Price.ofMinorUnitsPerKWh(CoinAmount.ofCoins(coins).minorUnits());
        return new Bill(
                EagId.of("eag-1"),
                seq,
                T,
                id,
                slot,
                kind,
                payer,
                payee,
                Energy.ofWh(1_000),
                p,
                p.costOf(Energy.ofWh(1_000)));
    }

    // NullAway does not see the type-use @Nullable of an array record component when it reads the record
    // from a class file (as the test compilation does), so it takes the co-signature parameter as non-null.
    @SuppressWarnings("NullAway")
    TransferRecord transfer(Bill bill, long nonce, TransferState state, Instant admitted) {
        Transfer t = new Transfer(payer, nonce, admitted, payee, bill.amount(), bill.id(), payerKey.getPublic());
        byte[] raw = EnvelopeCodec.assemble(t.payloadBytes(), KeyId.of(t.key()), PaymentWorld.UNCHECKED_SIGNATURE);
        byte @Nullable [] cosign =
                state == TransferState.COSIGNED || state == TransferState.APPLIED ? new byte[] {7, 7} : null;
        Refusal released = state == TransferState.RELEASED ? Refusal.EXPIRED : null;
        return new TransferRecord(
                Sha256.hex(raw), raw, t, state, admitted, admitted.plus(Duration.ofMinutes(2)), cosign, released);
    }

    static Change change(
            List<Account> accounts,
            List<BillRecord> bills,
            List<TransferRecord> transfers,
            List<LedgerEntry> pool,
            List<Allocation> allocations,
            List<Mint> mints,
            List<Award> awards,
            Map<NodeId, Long> credits,
            Map<String, Long> meta) {
        List<Change.NewEntry> entries = new ArrayList<>();
        for (LedgerEntry e : pool) {
            entries.add(new Change.NewEntry(e, T));
        }
        return new Change(accounts, bills, transfers, entries, List.of(), allocations, mints, awards, credits, meta);
    }

    static Change of(@Nullable Account a, List<BillRecord> bills, List<TransferRecord> transfers) {
        return change(
                a == null ? List.of() : List.of(a),
                bills,
                transfers,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of(),
                Map.of());
    }
}
