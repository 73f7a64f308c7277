package org.ebc.gateway.credit;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.gateway.credit.pricing.PricingMethod;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * A credit bank over in-memory twins of its ports: wallets as a map that conserves coins, credit values as a map,
 * loan wallets with fresh real key pairs, tokens signed with a real EAG key, and a clock the test moves. Not
 * thread-safe.
 */
final class BankFixture {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration VALIDITY = Duration.ofDays(30);
    static final Duration BUFFER = Duration.ofDays(10);
    static final Duration DEFAULT_AFTER = Duration.ofDays(365);

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = T0;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Wallets in memory; every move conserves coins. */
    static final class Wallets implements Coins {
        final Map<WalletAddress, Long> balances = new HashMap<>();

        @Override
        public CoinAmount balance(WalletAddress a) {
            return CoinAmount.ofMinorUnits(balances.getOrDefault(a, 0L));
        }

        @Override
        public boolean move(WalletAddress from, WalletAddress to, CoinAmount amount) {
            if (amount.minorUnits() < 1 || balance(from).compareTo(amount) < 0) {
                return false;
            }
            balances.merge(from, -amount.minorUnits(), Long::sum);
            balances.merge(to, amount.minorUnits(), Long::sum);
            return true;
        }

        void mint(WalletAddress a, CoinAmount amount) {
            balances.merge(a, amount.minorUnits(), Long::sum);
        }

        long total() {
            return balances.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static final class Credit implements CreditValues {
        final Map<NodeId, Long> values = new HashMap<>();

        @Override
        public long of(NodeId node) {
            return values.getOrDefault(node, 0L);
        }

        @Override
        public void add(NodeId node, long delta) {
            values.merge(node, delta, Long::sum);
        }
    }

    final TestClock clock = new TestClock();
    final Wallets coins = new Wallets();
    final Credit credit = new Credit();
    final KeyPair eagKeys = KeyPairs.generate();
    final EagId eag;
    final WalletAddress reserve = WalletAddress.of(KeyPairs.generate().getPublic());
    final CreditBook book;
    final CreditBank bank;

    BankFixture(String eagId, CoinAmount capital, CreditSettings settings) {
        this(eagId, capital, settings, InMemoryCreditBook::new);
    }

    /** A bank over the book {@code books} opens with the capital. */
    BankFixture(
            String eagId,
            CoinAmount capital,
            CreditSettings settings,
            java.util.function.Function<CoinAmount, CreditBook> books) {
        this.eag = EagId.of(eagId);
        coins.mint(reserve, capital);
        book = books.apply(capital);
        bank = new CreditBank(
                eag,
                reserve,
                settings,
                book,
                coins,
                credit,
                token -> WalletAddress.of(KeyPairs.generate().getPublic()),
                token -> token.sign(eagKeys.getPrivate(), KeyId.of(eagKeys.getPublic())),
                clock);
    }

    static CreditSettings settings() {
        return new CreditSettings(
                VALIDITY,
                BUFFER,
                DEFAULT_AFTER,
                2,
                CoinAmount.ofCoins(1),
                1,
                CreditSettings.exampleModel(),
                PricingMethod.CLOSED_FORM);
    }

    static BankFixture standard() {
        return new BankFixture("eag-1", CoinAmount.ofCoins(1_000_000), settings());
    }

    /** A borrower with one wallet holding {@code wealth} and {@code income} earned. */
    record Borrower(NodeId node, WalletAddress wallet, CoinAmount wealth, CoinAmount income) {
        BorrowerStanding standing() {
            return new BorrowerStanding(true, Set.of(wallet), wealth, income);
        }
    }

    Borrower borrower(String node, long wealthCoins, long incomeCoins) {
        Borrower b = new Borrower(
                NodeId.of(node),
                WalletAddress.of(KeyPairs.generate().getPublic()),
                CoinAmount.ofCoins(wealthCoins),
                CoinAmount.ofCoins(incomeCoins));
        coins.mint(b.wallet(), b.wealth());
        return b;
    }

    TokenRequest request(Borrower b, long coinsAsked) {
        return new TokenRequest(
                b.node(), List.of(b.wallet()), CoinAmount.ofCoins(coinsAsked), credit.of(b.node()), b.wallet());
    }

    CreditOutcome borrow(Borrower b, long coinsAsked) {
        return bank.requestToken(
                request(b, coinsAsked),
                new BorrowerStanding(true, Set.of(b.wallet()), coins.balance(b.wallet()), b.income()));
    }
}
