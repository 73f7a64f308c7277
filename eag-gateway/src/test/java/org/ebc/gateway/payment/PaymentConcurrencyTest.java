package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqlitePaymentStore;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiring's threading model: many MQTT callbacks, one trade-desk thread that calls the core. Two
 * clients of one payer submit, at the same moment, two transfers spending the same coins; whatever the
 * interleaving of the threads, exactly one is admitted.
 */
class PaymentConcurrencyTest {
    private static final int ROUNDS = 40;

    @TempDir
    Path dir;

    private final ExecutorService desk = Executors.newSingleThreadExecutor(r -> new Thread(r, "trade-desk"));
    private final ExecutorService clients = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() throws InterruptedException {
        clients.shutdownNow();
        desk.shutdownNow();
        assertThat(desk.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** What the wiring's desk does: run every call of the core on its one thread, in arrival order. */
    private <T> T onDesk(Callable<T> call) throws Exception {
        return desk.submit(call).get(30, TimeUnit.SECONDS);
    }

    @Test
    void twoClientsSpendingTheSameCoinsAtOnceThroughTheDeskNeverBothGetIn() throws Exception {
        try (SqlitePaymentStore store =
                new SqlitePaymentStore(GatewayDatabase.openMigrated(dir.resolve("gateway.db")))) {
            PaymentWorld w = new PaymentWorld(store);
            Party buyer = w.node("buyer");
            Party s1 = w.node("s1");
            Party s2 = w.node("s2");
            CyclicBarrier together = new CyclicBarrier(2);
            int sameNonceRounds = 0;
            for (int round = 0; round < ROUNDS; round++) {
                // Each bill alone is covered by the buyer's 20 coins; both together are not.
                Bill a = w.billOf(Bill.P2P, buyer.address(), s1.address(), CoinAmount.ofCoins(12));
                Bill b = w.billOf(Bill.P2P, buyer.address(), s2.address(), CoinAmount.ofCoins(12));
                onDesk(() -> w.settle(a, b));
                long nonce = onDesk(() -> w.payments.account(buyer.address()).nextNonce());
                boolean sameNonce = round % 2 == 0;
                sameNonceRounds += sameNonce ? 1 : 0;
                byte[] ra = w.bytes(w.transfer(buyer, nonce, s1.address(), a.amount(), a.id()), buyer);
                byte[] rb = w.bytes(
                        w.transfer(buyer, sameNonce ? nonce : nonce + 1, s2.address(), b.amount(), b.id()), buyer);
                List<Future<Outcome>> both = new ArrayList<>();
                for (byte[] raw : List.of(ra, rb)) {
                    both.add(clients.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return onDesk(() -> w.payments.submitTransfer(buyer.node(), raw));
                    }));
                }
                List<Outcome> outcomes = List.of(
                        both.get(0).get(30, TimeUnit.SECONDS), both.get(1).get(30, TimeUnit.SECONDS));

                assertThat(outcomes)
                        .filteredOn(o -> o.status() == Outcome.Status.PENDING)
                        .hasSize(1);
                Outcome refused =
                        outcomes.stream().filter(Outcome::isRefused).findFirst().orElseThrow();
                assertThat(refused.refusal()).isIn(Refusal.REPLAY, Refusal.INSUFFICIENT_FUNDS, Refusal.NONCE_GAP);
                Account buyerNow = onDesk(() -> w.payments.account(buyer.address()));
                assertThat(buyerNow.reserved()).isEqualTo(CoinAmount.ofCoins(12));
                // The winner is co-signed and applied; the buyer gets its coins back for the next round.
                TransferRecord t = onDesk(() -> w.payments.pendingTransfers().get(0));
                Party payee = t.payee().equals(s1.address()) ? s1 : s2;
                assertThat(onDesk(() -> w.cosign(payee, t)).status()).isEqualTo(Outcome.Status.APPLIED);
                int r = round;
                onDesk(() -> w.payments.mint("refill-" + r, buyer.address(), CoinAmount.ofCoins(12)));
                assertThat(onDesk(() -> w.payments.totals().conserved())).isTrue();
            }
            assertThat(sameNonceRounds).isEqualTo(ROUNDS / 2);
            assertThat(w.payments.account(buyer.address()).balance()).isEqualTo(CoinAmount.ofCoins(20));
            assertThat(w.payments
                            .account(s1.address())
                            .balance()
                            .plus(w.payments.account(s2.address()).balance()))
                    .isEqualTo(CoinAmount.ofCoins(40 + 12L * ROUNDS));
            assertThat(w.payments.bills(BillFilter.ALL.withStatus(BillStatus.PAID)))
                    .hasSize(ROUNDS);
        }
    }
}
