package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;

/**
 * The random walk's own ledger, rebuilt only from what entered the memory pool and what was minted, and
 * the checks it makes after every step:
 *
 * <ul>
 *   <li>total coins equal what was allocated and minted;</li>
 *   <li>every balance is what the applied entries say, never negative, and covers its reservations, which
 *       are exactly its live transfers;</li>
 *   <li>every transfer is applied at most once, in its payer's nonce order with no gap;</li>
 *   <li>every bill is paid at most once, by a transfer of exactly its payer, payee and amount.</li>
 * </ul>
 */
final class WalkLedger {
    private final PaymentWorld w;
    private final Map<WalletAddress, Long> ledger = new HashMap<>();
    private final Map<WalletAddress, Long> lastNonce = new HashMap<>();
    private final Set<String> appliedTransfers = new HashSet<>();
    private final Set<String> paidBills = new HashSet<>();
    private final Set<String> seenEntries = new HashSet<>();
    private final Set<String> allocatedHolders = new HashSet<>();
    private long mintedByWalk;
    private int applied;
    private int step;

    WalkLedger(PaymentWorld w) {
        this.w = w;
    }

    void minted(WalletAddress to, CoinAmount amount) {
        mintedByWalk += amount.minorUnits();
        ledger.merge(to, amount.minorUnits(), Long::sum);
    }

    int applied() {
        return applied;
    }

    void check(List<WalletAddress> addresses, int step) {
        this.step = step;
        for (PoolEntry e : w.payments.memoryPool().ready()) {
            if (seenEntries.add(e.id())) {
                entered(e.entry());
            }
        }
        Totals t = w.payments.totals();
        assertThat(t.conserved()).as("step %d: %s", step, t).isTrue();
        assertThat(t.allocated().plus(t.minted()).minorUnits())
                .as("step %d: allocations and mints as the walk saw them", step)
                .isEqualTo(ledger.values().stream().mapToLong(Long::longValue).sum());
        assertThat(t.minted().minorUnits()).isEqualTo(mintedByWalk);
        for (WalletAddress a : addresses) {
            Account acc = w.payments.account(a);
            assertThat(acc.balance().minorUnits())
                    .as("step %d: balance of %s", step, a)
                    .isEqualTo(ledger.getOrDefault(a, 0L))
                    .isNotNegative();
            List<TransferRecord> live = w.store.liveTransfers(a);
            long reserved =
                    live.stream().mapToLong(x -> x.amount().minorUnits()).sum();
            assertThat(acc.reserved().minorUnits())
                    .as("step %d: reservations of %s", step, a)
                    .isEqualTo(reserved);
            assertThat(acc.reserved()).isLessThanOrEqualTo(acc.balance());
            assertThat(acc.appliedNonce()).isEqualTo(lastNonce.getOrDefault(a, 0L));
            for (int i = 0; i < live.size(); i++) {
                assertThat(live.get(i).nonce())
                        .as("step %d: live nonces of %s follow on without a gap", step, a)
                        .isEqualTo(acc.appliedNonce() + 1 + i);
                BillRecord bill = w.payments.bill(live.get(i).bill()).orElseThrow();
                assertThat(bill.status()).isEqualTo(BillStatus.PENDING);
                assertThat(bill.transfer()).isEqualTo(live.get(i).digest());
            }
            assertThat(acc.nextNonce()).isEqualTo(acc.appliedNonce() + 1 + live.size());
        }
        if (step % 500 == 0) {
            long pendingBills = w.payments
                    .bills(BillFilter.ALL.withStatus(BillStatus.PENDING))
                    .size();
            assertThat(pendingBills)
                    .as("a pending bill has exactly one live transfer")
                    .isEqualTo(w.payments.pendingTransfers().size());
            long paidWithTransfer = w.payments.bills(BillFilter.ALL.withStatus(BillStatus.PAID)).stream()
                    .filter(b -> b.transfer() != null)
                    .count();
            assertThat(paidWithTransfer).isEqualTo(paidBills.size());
        }
    }

    private void entered(LedgerEntry e) {
        switch (e) {
            case LedgerEntry.TransferEntry te -> {
                TransferRecord t = w.payments.transfer(te.id()).orElseThrow();
                assertThat(appliedTransfers.add(t.digest()))
                        .as("step %d: %s applied twice", step, t)
                        .isTrue();
                assertThat(t.nonce())
                        .as("step %d: %s applies right after the payer's previous nonce", step, t)
                        .isEqualTo(lastNonce.getOrDefault(t.payer(), 0L) + 1);
                lastNonce.put(t.payer(), t.nonce());
                BillRecord bill = w.payments.bill(t.bill()).orElseThrow();
                assertThat(paidBills.add(bill.id()))
                        .as("step %d: bill %s paid twice", step, bill.id())
                        .isTrue();
                assertThat(bill.status()).isEqualTo(BillStatus.PAID);
                assertThat(bill.transfer()).isEqualTo(t.digest());
                assertThat(t.amount()).isEqualTo(bill.bill().amount());
                assertThat(t.payer()).isEqualTo(bill.bill().payer());
                assertThat(t.payee()).isEqualTo(bill.bill().payee());
                ledger.merge(t.payer(), -t.amount().minorUnits(), Long::sum);
                ledger.merge(t.payee(), t.amount().minorUnits(), Long::sum);
                applied++;
            }
            case LedgerEntry.AllocationEntry a -> {
                assertThat(allocatedHolders.add(a.holder()))
                        .as("node %s allocated twice", a.holder())
                        .isTrue();
                ledger.merge(a.to(), a.amount().minorUnits(), Long::sum);
            }
            case LedgerEntry.AwardEntry a -> assertThat(a.amount()).isEqualTo(w.settings.pofReward());
            case LedgerEntry.DocumentEntry d -> throw new AssertionError("no documents in this walk: " + d);
        }
    }
}
