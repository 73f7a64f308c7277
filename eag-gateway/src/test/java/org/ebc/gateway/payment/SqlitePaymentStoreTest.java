package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqlitePaymentStore;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payment store contract against a real SQLite file, and what only a database can show: the state
 * survives closing and reopening the file, and a change that fails part-way leaves nothing behind.
 */
class SqlitePaymentStoreTest extends PaymentStoreContract {
    @TempDir
    Path dir;

    private SqlitePaymentStore open() throws SQLException {
        return new SqlitePaymentStore(GatewayDatabase.openMigrated(dir.resolve(GatewayDatabase.FILE_NAME)));
    }

    @Override
    PaymentStore newStore() throws SQLException {
        return open();
    }

    @AfterEach
    void close() {
        ((SqlitePaymentStore) store).close();
    }

    private void reopen() throws SQLException {
        ((SqlitePaymentStore) store).close();
        store = open();
    }

    @Test
    void aBillCoveredByALoanStaysCoveredAcrossAReopenAndIsPaidFromTheEagsAccount() throws SQLException {
        PaymentWorld w = new PaymentWorld(store);
        Party borrower = w.node("borrower");
        Party seller = w.node("seller");
        w.payments.mint("reserve", w.grid(), CoinAmount.ofCoins(50));
        Bill bill = w.billOf(Bill.P2P, borrower.address(), seller.address(), CoinAmount.ofCoins(30));
        w.settle(bill);
        w.payments.cover(borrower.node(), bill.id(), "loan-1");
        TransferRecord pending = w.pendingFor(bill);

        reopen();
        Payments again = new Payments(
                PaymentWorld.EAG,
                PaymentSettings.DEFAULTS,
                store,
                w.book,
                HomeEags.ALL_HERE,
                Blacklist.NONE,
                Signer.of(w.eagKeys.getPublic(), w.eagKeys.getPrivate()),
                w.clock);

        assertThat(again.bill(bill.id()).orElseThrow().coveredBy()).isEqualTo("loan-1");
        byte[] own = w.bytes(w.transfer(borrower, 1, seller.address(), bill.amount(), bill.id()), borrower);
        assertThat(again.submitTransfer(borrower.node(), own).refusal()).isEqualTo(Refusal.COVERED);
        Outcome paid = again.submitCosign(seller.node(), w.cosignBytes(seller, pending.raw()));
        assertThat(paid.status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(again.account(w.grid()).balance()).isEqualTo(CoinAmount.ofCoins(20));
        assertThat(again.account(seller.address()).balance()).isEqualTo(CoinAmount.ofCoins(50));
        assertThat(store.totals().conserved()).isTrue();
    }

    @Test
    void aLoanBillIsStoredAndPaidThroughTheFile() {
        PaymentWorld w = new PaymentWorld(store);
        Party borrower = w.node("borrower");
        Bill due = new Bill(
                PaymentWorld.EAG,
                900,
                w.clock.instant(),
                "eag-1:loan-1/1",
                w.slot,
                Bill.LOAN,
                borrower.address(),
                w.grid(),
                org.ebc.units.Energy.ZERO,
                org.ebc.units.Price.ZERO,
                CoinAmount.ofCoins(7));
        w.payments.issueLoanBill(borrower.node(), due);

        assertThat(w.pay(borrower, due).status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(store.bill(due.id()).orElseThrow().bill()).isEqualTo(due);
        assertThat(store.bill(due.id()).orElseThrow().status()).isEqualTo(BillStatus.PAID);
        assertThat(store.totals().conserved()).isTrue();
    }

    @Test
    void paymentsSurviveReopeningTheDatabaseAndCarryOnWhereTheyStopped() throws SQLException {
        PaymentWorld w = new PaymentWorld(store);
        Party buyer = w.node("buyer");
        Party seller = w.node("seller");
        Bill paid = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(2));
        Bill waiting = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(3));
        w.settle(paid, waiting);
        w.pay(buyer, paid);
        w.cosign(seller, w.pendingFor(paid));
        w.pay(buyer, waiting);
        TransferRecord pending = w.pendingFor(waiting);
        Totals before = store.totals();
        List<PoolEntry> poolBefore = store.pool(PoolEntry.Status.READY, 100);

        reopen();
        Payments again = new Payments(
                PaymentWorld.EAG,
                PaymentSettings.DEFAULTS,
                store,
                w.book,
                HomeEags.ALL_HERE,
                Blacklist.NONE,
                Signer.of(w.eagKeys.getPublic(), w.eagKeys.getPrivate()),
                w.clock);

        assertThat(store.totals()).isEqualTo(before);
        assertThat(store.pool(PoolEntry.Status.READY, 100)).isEqualTo(poolBefore);
        assertThat(again.account(buyer.address()))
                .isEqualTo(new Account(buyer.address(), CoinAmount.ofCoins(18), CoinAmount.ofCoins(3), 3, 1));
        assertThat(again.pendingTransfers()).containsExactly(pending);
        assertThat(again.creditValue(buyer.node())).isEqualTo(1);
        Outcome o = again.submitCosign(seller.node(), w.cosignBytes(seller, pending.raw()));
        assertThat(o.status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(again.account(seller.address()).balance()).isEqualTo(CoinAmount.ofCoins(25));
        assertThat(again.totals().conserved()).isTrue();
    }

    @Test
    void aChangeThatFailsAtItsLastStatementLeavesNothingEvenAfterReopening() throws SQLException {
        Mint used = new Mint("cb:1", s.payer, CoinAmount.ofCoins(1), null, T);
        store.commit(StoreSamples.change(
                List.of(new Account(s.payer, CoinAmount.ofCoins(1), CoinAmount.ZERO, 1, 0)),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(used),
                List.of(),
                Map.of(),
                Map.of()));
        Bill bill = s.bill("b1", Bill.P2P, T, 1);
        TransferRecord t = s.transfer(bill, 1, TransferState.APPLIED, T);
        // Every part of this change is written before the mints, and the mint's reference is taken: the
        // database refuses the last statement, after the others have run inside the transaction.
        Change doomed = StoreSamples.change(
                List.of(
                        new Account(s.payer, CoinAmount.ofCoins(5), CoinAmount.ZERO, 2, 1),
                        new Account(s.payee, CoinAmount.ofCoins(1), CoinAmount.ZERO, 1, 0)),
                List.of(BillRecord.open(bill).paid(t.digest(), T)),
                List.of(t),
                List.of(new LedgerEntry.TransferEntry(t.raw(), new byte[] {1})),
                List.of(new Allocation("alice", false, s.payer, CoinAmount.ofCoins(4), T)),
                List.of(used),
                List.of(),
                Map.of(),
                Map.of());

        assertThatThrownBy(() -> store.commit(doomed))
                .isInstanceOf(PaymentStoreException.class)
                .hasMessageContaining("nothing of it was kept");
        reopen();

        assertThat(store.account(s.payer)).contains(new Account(s.payer, CoinAmount.ofCoins(1), CoinAmount.ZERO, 1, 0));
        assertThat(store.account(s.payee)).isEmpty();
        assertThat(store.bill("b1")).isEmpty();
        assertThat(store.transfer(t.digest())).isEmpty();
        assertThat(store.poolCount(PoolEntry.Status.READY)).isZero();
        assertThat(store.totals().allocated()).isEqualTo(CoinAmount.ZERO);
        // And the store is usable afterwards.
        store.commit(StoreSamples.of(
                new Account(s.payer, CoinAmount.ofCoins(2), CoinAmount.ZERO, 1, 0), List.of(), List.of()));
        assertThat(store.account(s.payer).orElseThrow().balance()).isEqualTo(CoinAmount.ofCoins(2));
    }

    @Test
    void theSchemaItselfRefusesANegativeBalanceAndASecondTransferForAPaidBill() throws SQLException {
        try (Connection c = GatewayDatabase.openWriter(dir.resolve(GatewayDatabase.FILE_NAME));
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO payment_accounts VALUES ('x', -1, 0, 1, 0)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("CHECK");
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO payment_accounts VALUES ('x', 5, 6, 1, 0)"))
                    .isInstanceOf(SQLException.class);
        }
        Bill bill = s.bill("b1", Bill.P2P, T, 1);
        TransferRecord t = s.transfer(bill, 1, TransferState.APPLIED, T);
        store.commit(StoreSamples.of(null, List.of(BillRecord.open(bill).paid(t.digest(), T)), List.of(t)));
        try (Connection c = GatewayDatabase.openWriter(dir.resolve(GatewayDatabase.FILE_NAME));
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate(
                            "INSERT INTO payment_transfers SELECT 'other', payer, 2, payee, amount, bill, 'applied', admitted_ms, "
                                    + "deadline_ms, raw, cosign, NULL FROM payment_transfers"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("UNIQUE");
        }
    }
}
