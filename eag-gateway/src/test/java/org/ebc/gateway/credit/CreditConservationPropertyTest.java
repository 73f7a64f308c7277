package org.ebc.gateway.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ebc.crypto.KeyPairs;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;

/**
 * Money conservation with loans in play: over random loans, credit payments (some with stale tokens, some too
 * large), repayments in time and late, defaults, transfers between nodes and time passing, the coins in all
 * wallets stay exactly what was allocated, no balance goes negative, every loan's drawn + balance stays within its
 * amount, and the bank's books balance after every step (reserve + shared wallets + drawn = capital + income −
 * losses).
 */
class CreditConservationPropertyTest {
    private static final int RUNS = 60;
    private static final int STEPS = 300;

    @Test
    void coinsAreConservedAndTheBooksBalanceThroughRandomLoansPaymentsRepaymentsAndDefaults() {
        long operations = 0;
        long accepted = 0;
        for (int run = 0; run < RUNS; run++) {
            Random random = new Random(7_000 + run);
            BankFixture f = new BankFixture("eag-1", CoinAmount.ofCoins(10_000), BankFixture.settings());
            List<BankFixture.Borrower> nodes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                nodes.add(f.borrower("node-" + i, random.nextInt(3), 1 + random.nextInt(3)));
            }
            List<WalletAddress> sellers = List.of(
                    WalletAddress.of(KeyPairs.generate().getPublic()),
                    WalletAddress.of(KeyPairs.generate().getPublic()));
            long total = f.coins.totalMinorUnits();
            List<Loan> presented = new ArrayList<>();
            int bill = 0;
            for (int step = 0; step < STEPS; step++) {
                BankFixture.Borrower b = nodes.get(random.nextInt(nodes.size()));
                CreditOutcome o;
                switch (random.nextInt(7)) {
                    case 0, 1 -> o = f.borrow(b, 1 + random.nextInt(300));
                    case 2, 3 -> {
                        var live = f.book.liveLoans();
                        if (live.isEmpty()) {
                            continue;
                        }
                        // Mostly the newest token; sometimes an older version someone kept.
                        Loan l = random.nextInt(5) == 0 && !presented.isEmpty()
                                ? presented.get(random.nextInt(presented.size()))
                                : live.get(random.nextInt(live.size()));
                        long amount = 1L
                                + random.nextInt(
                                        (int) Math.max(1, l.token().amount().minorUnits() / 50_000_000L));
                        o = f.bank.pay(new TokenPayment(
                                l.signed(),
                                sellers.get(random.nextInt(2)),
                                "bill-" + bill++,
                                CoinAmount.ofMinorUnits(amount * 50_000_000L)));
                        presented.add(l);
                    }
                    case 4 -> {
                        var live = f.book.liveLoans();
                        if (live.isEmpty()) {
                            continue;
                        }
                        Loan l = live.get(random.nextInt(live.size()));
                        BankFixture.Borrower owner = nodes.stream()
                                .filter(n -> n.node().equals(l.token().borrower()))
                                .findFirst()
                                .orElseThrow();
                        o = f.bank.repay(l.id(), owner.wallet());
                    }
                    case 5 -> {
                        // Income: a seller pays a node for energy (an ordinary transfer, outside the bank).
                        WalletAddress from = sellers.get(random.nextInt(2));
                        CoinAmount amount = CoinAmount.ofMinorUnits(1 + random.nextInt(1_000_000_000));
                        f.coins.move(from, b.wallet(), amount);
                        operations++;
                        check(f, total);
                        continue;
                    }
                    default -> {
                        f.clock.advance(Duration.ofDays(random.nextInt(120)));
                        o = f.bank.sweep();
                    }
                }
                operations++;
                if (o.accepted()) {
                    accepted++;
                }
                check(f, total);
            }
        }
        assertThat(operations).isGreaterThan(RUNS * STEPS / 2);
        assertThat(accepted)
                .as("the property exercised accepted operations, not only refusals")
                .isGreaterThan(operations / 5);
    }

    private static void check(BankFixture f, long total) {
        assertThat(f.coins.totalMinorUnits()).as("coins in all wallets").isEqualTo(total);
        assertThat(f.coins.noneNegative()).as("no negative balance").isTrue();
        CreditBank.Audit a = f.bank.audit();
        assertThat(a.assets()).as("the bank's assets equal its equity").isEqualTo(a.equity());
        for (Loan l : f.book.allLoans()) {
            assertThat(l.drawn().plus(l.token().balance()))
                    .isLessThanOrEqualTo(l.token().amount());
            if (l.status().isLive()) {
                assertThat(f.coins.balance(l.token().wallet()))
                        .isEqualTo(l.token().balance());
            } else {
                assertThat(f.coins.balance(l.token().wallet())).isEqualTo(CoinAmount.ZERO);
            }
        }
    }
}
