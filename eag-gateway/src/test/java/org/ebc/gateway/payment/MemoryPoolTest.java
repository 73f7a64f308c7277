package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.Test;

/** What Part E sees: ready entries in order, taken for a block, then reported committed. */
class MemoryPoolTest {
    private final PaymentWorld w = new PaymentWorld(new InMemoryPaymentStore());
    private final Party buyer = w.node("buyer");
    private final Party seller = w.node("seller");
    private final MemoryPool pool = w.payments.memoryPool();

    @Test
    void entriesAreTakenOldestFirstAndCommittedOnesLeaveTheReadySet() {
        Bill b = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(1));
        w.settle(b);
        w.pay(buyer, b);
        w.cosign(seller, w.pendingFor(b));
        List<PoolEntry> ready = pool.ready();
        assertThat(ready).extracting(PoolEntry::kind).containsExactly("allocation", "allocation", "transfer");
        assertThat(ready).extracting(PoolEntry::seq).containsExactly(1L, 2L, 3L);

        List<PoolEntry> block = pool.nextForBlock(2);
        int marked = pool.committed(List.of(
                block.get(0).id(),
                block.get(1).id(),
                "not-an-entry",
                block.get(0).id()));

        assertThat(marked).isEqualTo(2);
        assertThat(pool.readyCount()).isEqualTo(1);
        assertThat(pool.nextForBlock(10)).extracting(PoolEntry::kind).containsExactly("transfer");
        PoolEntry committed = pool.entry(block.get(0).id()).orElseThrow();
        assertThat(committed.status()).isEqualTo(PoolEntry.Status.COMMITTED);
        assertThat(committed.committedAt()).isEqualTo(w.clock.instant());
        assertThat(pool.committed(List.of(block.get(0).id())))
                .as("committed once")
                .isZero();
    }

    @Test
    void anotherPartsDocumentEntersOnceAndABlockTakesAtLeastOneEntry() {
        LedgerEntry.DocumentEntry evidence =
                new LedgerEntry.DocumentEntry("evidence", "EBC1|{…}|{…}".getBytes(StandardCharsets.UTF_8));

        String id = pool.add(evidence);
        pool.add(evidence);

        assertThat(pool.ready()).filteredOn(e -> e.kind().equals("evidence")).hasSize(1);
        assertThat(pool.entry(id).orElseThrow().entry()).isEqualTo(evidence);
        assertThatThrownBy(() -> pool.nextForBlock(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerEntry.DocumentEntry("transfer", new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
