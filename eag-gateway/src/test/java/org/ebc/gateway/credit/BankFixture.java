package org.ebc.gateway.credit;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.gateway.credit.pricing.PricingMethod;
import org.ebc.testing.MutableClock;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * A credit bank over in-memory twins of its ports ({@link InMemoryAccounts}: wallets that conserve coins, credit values),
 * loan wallets with fresh real key pairs, tokens signed with a real EAG key, and a clock the test moves. Not
 * thread-safe.
 */
final class BankFixture {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration VALIDITY = Duration.ofDays(30);
    static final Duration BUFFER = Duration.ofDays(10);
    static final Duration DEFAULT_AFTER = Duration.ofDays(365);

    final MutableClock clock = new MutableClock(T0);
    final InMemoryAccounts coins = new InMemoryAccounts();
    final InMemoryAccounts credit = coins;
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
        coins.allocate(reserve, capital);
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
        coins.allocate(b.wallet(), b.wealth());
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
