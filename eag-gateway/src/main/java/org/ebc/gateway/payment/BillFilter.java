package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.Set;
import org.ebc.trade.Bill;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * Which bills a query wants; a null field matches everything.
 *
 * @param parties bills whose payer or payee is one of these addresses (a node's addresses)
 * @param slot bills of this slot (its start)
 * @param status bills in this state
 * @param kind bills of this kind ({@link Bill#KINDS})
 */
public record BillFilter(
        @Nullable Set<WalletAddress> parties,
        @Nullable Instant slot,
        @Nullable BillStatus status,
        @Nullable String kind) {
    public static final BillFilter ALL = new BillFilter(null, null, null, null);

    public BillFilter {
        parties = parties == null ? null : Set.copyOf(parties);
    }

    public boolean matches(BillRecord r) {
        Bill b = r.bill();
        return (parties == null || parties.contains(b.payer()) || parties.contains(b.payee()))
                && (slot == null || b.slot().equals(slot))
                && (status == null || r.status() == status)
                && (kind == null || b.kind().equals(kind));
    }

    public BillFilter withStatus(BillStatus s) {
        return new BillFilter(parties, slot, s, kind);
    }

    public BillFilter withKind(String k) {
        return new BillFilter(parties, slot, status, k);
    }
}
