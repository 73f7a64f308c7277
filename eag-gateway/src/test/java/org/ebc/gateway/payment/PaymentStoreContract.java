package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PaymentStore} must do; run against the in-memory twin and against SQLite. */
abstract class PaymentStoreContract {
    static final Instant T = StoreSamples.T;
    final StoreSamples s = new StoreSamples();
    PaymentStore store;

    abstract PaymentStore newStore() throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    private Account account(long balance, long reserved, long next, long applied) {
        return new Account(s.payer, CoinAmount.ofMinorUnits(balance), CoinAmount.ofMinorUnits(reserved), next, applied);
    }

    @Test
    void anEmptyStoreHoldsNothing() {
        assertThat(store.account(s.payer)).isEmpty();
        assertThat(store.liveTransfers()).isEmpty();
        assertThat(store.bills(BillFilter.ALL)).isEmpty();
        assertThat(store.pool(PoolEntry.Status.READY, 10)).isEmpty();
        assertThat(store.totals())
                .isEqualTo(new Totals(CoinAmount.ZERO, CoinAmount.ZERO, CoinAmount.ZERO, CoinAmount.ZERO, 0));
        assertThat(store.credit(NodeId.of("n"))).isEmpty();
        assertThat(store.meta("x")).isEmpty();
    }

    @Test
    void everythingACommitWritesReadsBackAsWritten() {
        Bill bill = s.bill("b1", Bill.P2P, T, 3);
        TransferRecord t = s.transfer(bill, 1, TransferState.PENDING, T);
        BillRecord pending = BillRecord.open(bill).pending(t.digest());
        LedgerEntry transferEntry = new LedgerEntry.TransferEntry(t.raw(), new byte[] {1, 2, 3});
        LedgerEntry allocation = new LedgerEntry.AllocationEntry(s.payer, CoinAmount.ofCoins(20), "alice");
        LedgerEntry award = new LedgerEntry.AwardEntry(s.payee, CoinAmount.ofCoins(1), T, Energy.ofWh(900));
        LedgerEntry doc = new LedgerEntry.DocumentEntry("credit", "a record".getBytes(StandardCharsets.UTF_8));
        Allocation a = new Allocation("alice", false, s.payer, CoinAmount.ofCoins(20), T);
        Mint m = new Mint("cb:1", s.payee, CoinAmount.ofCoins(2), T, T);
        Award aw = new Award(T, s.payee, CoinAmount.ofCoins(1), Energy.ofWh(900), award.id(), "cb:1");
        Account acc = account(
                CoinAmount.ofCoins(20).minorUnits(), CoinAmount.ofCoins(3).minorUnits(), 2, 0);

        store.commit(StoreSamples.change(
                List.of(acc, new Account(s.payee, CoinAmount.ofCoins(2), CoinAmount.ZERO, 1, 0)),
                List.of(pending),
                List.of(t),
                List.of(transferEntry, allocation, award, doc),
                List.of(a),
                List.of(m),
                List.of(aw),
                Map.of(NodeId.of("alice"), 5L),
                Map.of("pof.closed.until", 42L)));

        assertThat(store.account(s.payer)).contains(acc);
        assertThat(store.bill("b1")).contains(pending);
        assertThat(store.transfer(t.digest())).contains(t);
        assertThat(store.transfer(t.digest()).orElseThrow().transfer()).isEqualTo(t.transfer());
        assertThat(store.liveTransfers(s.payer)).containsExactly(t);
        assertThat(store.pool(PoolEntry.Status.READY, 10))
                .extracting(PoolEntry::seq, PoolEntry::entry)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, transferEntry),
                        org.assertj.core.groups.Tuple.tuple(2L, allocation),
                        org.assertj.core.groups.Tuple.tuple(3L, award),
                        org.assertj.core.groups.Tuple.tuple(4L, doc));
        assertThat(store.pool(PoolEntry.Status.READY, 2)).hasSize(2);
        assertThat(store.poolEntry(doc.id()).orElseThrow().enteredAt()).isEqualTo(T);
        assertThat(store.poolCount(PoolEntry.Status.READY)).isEqualTo(4);
        assertThat(store.allocation(a.key())).contains(a);
        assertThat(store.mint("cb:1")).contains(m);
        assertThat(store.award(T)).contains(aw);
        assertThat(store.awards()).containsExactly(aw);
        assertThat(store.credit(NodeId.of("alice"))).hasValue(5);
        assertThat(store.meta("pof.closed.until")).hasValue(42);
        assertThat(store.totals())
                .isEqualTo(new Totals(
                        CoinAmount.ofCoins(22),
                        CoinAmount.ofCoins(3),
                        CoinAmount.ofCoins(20),
                        CoinAmount.ofCoins(2),
                        2));
    }

    @Test
    void liveTransfersComeInNonceOrderAndOverdueOnesByDeadline() {
        Bill b1 = s.bill("b1", Bill.P2P, T, 1);
        Bill b2 = s.bill("b2", Bill.P2P, T, 1);
        Bill b3 = s.bill("b3", Bill.P2P, T, 1);
        TransferRecord t1 = s.transfer(b1, 1, TransferState.PENDING, T);
        TransferRecord t2 = s.transfer(b2, 2, TransferState.COSIGNED, T.plusSeconds(1));
        TransferRecord t3 = s.transfer(b3, 3, TransferState.PENDING, T.plusSeconds(2));
        store.commit(StoreSamples.of(
                account(
                        CoinAmount.ofCoins(3).minorUnits(),
                        CoinAmount.ofCoins(3).minorUnits(),
                        4,
                        0),
                List.of(
                        BillRecord.open(b1).pending(t1.digest()),
                        BillRecord.open(b2).pending(t2.digest()),
                        BillRecord.open(b3).pending(t3.digest())),
                List.of(t3, t1, t2)));

        assertThat(store.liveTransfers(s.payer)).containsExactly(t1, t2, t3);
        assertThat(store.liveTransfers()).containsExactly(t1, t2, t3);
        assertThat(store.overdue(T.plus(Duration.ofMinutes(2))))
                .as("due at the deadline, not yet over")
                .isEmpty();
        assertThat(store.overdue(T.plus(Duration.ofMinutes(3)))).containsExactly(t1, t3);
    }

    @Test
    void billsAreFoundByPartySlotStatusKindAndSlotRange() {
        Bill a = s.bill("a", Bill.P2P, T, 1);
        Bill b = s.bill("b", Bill.P2P, T.plus(Duration.ofMinutes(15)), 1);
        Bill c = s.bill("c", Bill.GRID_IMPORT, T.plus(Duration.ofMinutes(30)), 1);
        store.commit(StoreSamples.of(
                null,
                List.of(
                        BillRecord.open(c),
                        BillRecord.open(a),
                        BillRecord.open(b).paid(null, T)),
                List.of()));

        assertThat(store.bills(BillFilter.ALL)).extracting(BillRecord::id).containsExactly("a", "b", "c");
        assertThat(store.bills(new BillFilter(Set.of(s.payee), null, null, null)))
                .hasSize(3);
        assertThat(store.bills(new BillFilter(Set.of(), null, null, null))).isEmpty();
        assertThat(store.bills(new BillFilter(null, T, null, null)))
                .extracting(BillRecord::id)
                .containsExactly("a");
        assertThat(store.bills(BillFilter.ALL.withStatus(BillStatus.OPEN)))
                .extracting(BillRecord::id)
                .containsExactly("a", "c");
        assertThat(store.bills(BillFilter.ALL.withStatus(BillStatus.OPEN).withKind(Bill.P2P)))
                .extracting(BillRecord::id)
                .containsExactly("a");
        assertThat(store.bills(Bill.P2P, T, T.plus(Duration.ofMinutes(30))))
                .extracting(BillRecord::id)
                .containsExactly("a", "b");
        assertThat(store.bills(Bill.P2P, T.plusSeconds(1), T.plus(Duration.ofMinutes(15))))
                .isEmpty();
    }

    @Test
    void aChangeThatWouldAdmitOneNonceTwiceIsRefusedWhole() {
        Bill b1 = s.bill("b1", Bill.P2P, T, 1);
        Bill b2 = s.bill("b2", Bill.P2P, T, 1);
        TransferRecord first = s.transfer(b1, 1, TransferState.PENDING, T);
        TransferRecord second = s.transfer(b2, 1, TransferState.PENDING, T.plusSeconds(1));
        Change spendTwice = StoreSamples.of(
                account(
                        CoinAmount.ofCoins(2).minorUnits(),
                        CoinAmount.ofCoins(2).minorUnits(),
                        2,
                        0),
                List.of(
                        BillRecord.open(b1).pending(first.digest()),
                        BillRecord.open(b2).pending(second.digest())),
                List.of(first, second));

        assertThatThrownBy(() -> store.commit(spendTwice)).isInstanceOf(PaymentStoreException.class);

        assertThat(store.account(s.payer)).isEmpty();
        assertThat(store.bills(BillFilter.ALL)).isEmpty();
        assertThat(store.liveTransfers()).isEmpty();
    }

    @Test
    void aSecondLiveTransferForOneBillIsRefused() {
        Bill b1 = s.bill("b1", Bill.P2P, T, 1);
        TransferRecord first = s.transfer(b1, 1, TransferState.APPLIED, T);
        store.commit(StoreSamples.of(
                account(0, 0, 2, 1), List.of(BillRecord.open(b1).paid(first.digest(), T)), List.of(first)));
        TransferRecord again = s.transfer(b1, 2, TransferState.PENDING, T.plusSeconds(5));

        assertThatThrownBy(() -> store.commit(StoreSamples.of(
                        account(
                                CoinAmount.ofCoins(1).minorUnits(),
                                CoinAmount.ofCoins(1).minorUnits(),
                                3,
                                1),
                        List.of(),
                        List.of(again))))
                .isInstanceOf(PaymentStoreException.class);
        assertThat(store.account(s.payer)).contains(account(0, 0, 2, 1));
    }

    @Test
    void aReleasedTransferFreesItsNonceAndBillForAnotherInTheSameChange() {
        Bill b1 = s.bill("b1", Bill.P2P, T, 1);
        TransferRecord old = s.transfer(b1, 1, TransferState.PENDING, T);
        store.commit(StoreSamples.of(
                account(
                        CoinAmount.ofCoins(1).minorUnits(),
                        CoinAmount.ofCoins(1).minorUnits(),
                        2,
                        0),
                List.of(BillRecord.open(b1).pending(old.digest())),
                List.of(old)));
        TransferRecord replacement = s.transfer(b1, 1, TransferState.PENDING, T.plusSeconds(200));

        store.commit(StoreSamples.of(
                null,
                List.of(BillRecord.open(b1).pending(replacement.digest())),
                List.of(replacement, old.with(TransferState.RELEASED, null, Refusal.EXPIRED))));

        assertThat(store.liveTransfers(s.payer)).containsExactly(replacement);
        assertThat(store.transfer(old.digest()).orElseThrow().state()).isEqualTo(TransferState.RELEASED);
    }

    @Test
    void aPoolEntryAnAllocationAndAMintReferenceEachEnterOnce() {
        LedgerEntry e = new LedgerEntry.AllocationEntry(s.payer, CoinAmount.ofCoins(20), "alice");
        Allocation a = new Allocation("alice", false, s.payer, CoinAmount.ofCoins(20), T);
        Mint m = new Mint("r", s.payer, CoinAmount.ofCoins(1), null, T);
        store.commit(StoreSamples.change(
                List.of(), List.of(), List.of(), List.of(e), List.of(a), List.of(m), List.of(), Map.of(), Map.of()));
        Account credited = account(CoinAmount.ofCoins(99).minorUnits(), 0, 1, 0);

        for (Change twice : List.of(
                StoreSamples.change(
                        List.of(credited),
                        List.of(),
                        List.of(),
                        List.of(e),
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of(),
                        Map.of()),
                StoreSamples.change(
                        List.of(credited),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(a),
                        List.of(),
                        List.of(),
                        Map.of(),
                        Map.of()),
                StoreSamples.change(
                        List.of(credited),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(m),
                        List.of(),
                        Map.of(),
                        Map.of()))) {
            assertThatThrownBy(() -> store.commit(twice)).isInstanceOf(PaymentStoreException.class);
        }

        assertThat(store.account(s.payer))
                .as("none of the refused changes left its account")
                .isEmpty();
        assertThat(store.poolCount(PoolEntry.Status.READY)).isEqualTo(1);
        assertThat(store.totals().minted()).isEqualTo(CoinAmount.ofCoins(1));
    }

    @Test
    void committingAPoolEntryMarksItOnceAndUnknownIdsChangeNothing() {
        LedgerEntry e = new LedgerEntry.AllocationEntry(s.payer, CoinAmount.ofCoins(20), "alice");
        store.commit(Change.ofPool(List.of(new Change.NewEntry(e, T))));

        store.commit(Change.ofCommitted(
                List.of(new Change.Committed(e.id(), T.plusSeconds(9)), new Change.Committed("nope", T))));
        store.commit(Change.ofCommitted(List.of(new Change.Committed(e.id(), T.plusSeconds(99)))));

        PoolEntry p = store.poolEntry(e.id()).orElseThrow();
        assertThat(p.status()).isEqualTo(PoolEntry.Status.COMMITTED);
        assertThat(p.committedAt()).isEqualTo(T.plusSeconds(9));
        assertThat(store.poolCount(PoolEntry.Status.READY)).isZero();
        assertThat(store.poolCount(PoolEntry.Status.COMMITTED)).isEqualTo(1);
        assertThat(store.pool(PoolEntry.Status.COMMITTED, 5)).containsExactly(p);
    }
}
