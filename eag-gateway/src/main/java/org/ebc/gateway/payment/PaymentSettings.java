package org.ebc.gateway.payment;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.units.CoinAmount;

/**
 * The payment part of the gateway's configuration. Amounts of coins are written in coins with up to eight
 * decimals ({@code 20}, {@code 0.5}); they become integer minor units without passing through a double.
 * Immutable; thread-safe.
 *
 * <p>Keys (all optional; defaults in brackets):
 * <ul>
 *   <li>{@value #INITIAL_ALLOCATION}: coins each node gets once, when it first has a wallet address [20,
 *       the paper's evaluation]</li>
 *   <li>{@value #GRID_ALLOCATION}: coins the grid account gets once, so that it can pay grid-export bills
 *       before grid-import bills have paid it anything [0]</li>
 *   <li>{@value #COSIGN_TIMEOUT}: how long an admitted transfer waits for the payee's co-signature before
 *       it is released [2m]</li>
 *   <li>{@value #POF_PERIOD_SLOTS}: market slots per proof-of-flow period [4]</li>
 *   <li>{@value #POF_REWARD}: coins a period's proof-of-flow award pays (0 turns awards off) [1]</li>
 *   <li>{@value #CREDIT_INITIAL}: a node's credit value before its first paid bill [0]</li>
 *   <li>{@value #CREDIT_PER_BILL}: credit points payer's and payee's nodes each gain per paid P2P bill [1]</li>
 * </ul>
 *
 * @param initialAllocation per node, minor units
 * @param gridAllocation for the grid account, minor units
 * @param cosignTimeout time from admission to release without a co-signature
 * @param pofPeriodSlots slots per proof-of-flow period, ≥ 1
 * @param pofReward per period, minor units
 * @param creditInitial credit value of a node before any paid bill
 * @param creditPerBill credit points added to each party's node per paid P2P bill, ≥ 0
 */
public record PaymentSettings(
        CoinAmount initialAllocation,
        CoinAmount gridAllocation,
        Duration cosignTimeout,
        int pofPeriodSlots,
        CoinAmount pofReward,
        long creditInitial,
        long creditPerBill) {

    public static final String INITIAL_ALLOCATION = "payment.initial.allocation";
    public static final String GRID_ALLOCATION = "payment.grid.allocation";
    public static final String COSIGN_TIMEOUT = "payment.cosign.timeout";
    public static final String POF_PERIOD_SLOTS = "payment.pof.period.slots";
    public static final String POF_REWARD = "payment.pof.reward";
    public static final String CREDIT_INITIAL = "credit.initial";
    public static final String CREDIT_PER_BILL = "payment.credit.per.bill";

    /** Every key this record reads, for {@link Settings#rejectUnknownKeys(Set)}. */
    public static final Set<String> KEYS = Set.of(
            INITIAL_ALLOCATION,
            GRID_ALLOCATION,
            COSIGN_TIMEOUT,
            POF_PERIOD_SLOTS,
            POF_REWARD,
            CREDIT_INITIAL,
            CREDIT_PER_BILL);

    public static final PaymentSettings DEFAULTS = new PaymentSettings(
            CoinAmount.ofCoins(20), CoinAmount.ZERO, Duration.ofMinutes(2), 4, CoinAmount.ofCoins(1), 0, 1);

    /** Amounts in the configuration are at most this many coins (a billion keeps every sum far from overflow). */
    static final long MAX_COINS = 1_000_000_000L;

    private static final Pattern COINS = Pattern.compile("([0-9]{1,10})(?:\\.([0-9]{1,8}))?");

    public PaymentSettings {
        Objects.requireNonNull(cosignTimeout, "cosignTimeout");
        if (initialAllocation.isNegative() || gridAllocation.isNegative() || pofReward.isNegative()) {
            throw new IllegalArgumentException("amounts must not be negative");
        }
        if (cosignTimeout.isNegative() || cosignTimeout.isZero() || pofPeriodSlots < 1 || creditPerBill < 0) {
            throw new IllegalArgumentException(
                    "the co-signature timeout must be positive, a period at least one slot, credit per bill >= 0");
        }
    }

    /** Reads the keys above; a bad value is a {@link ConfigException} naming the key and the value. */
    public static PaymentSettings from(Settings s) {
        return new PaymentSettings(
                coins(s, INITIAL_ALLOCATION, DEFAULTS.initialAllocation),
                coins(s, GRID_ALLOCATION, DEFAULTS.gridAllocation),
                s.duration(COSIGN_TIMEOUT, DEFAULTS.cosignTimeout, Duration.ofSeconds(1), Duration.ofHours(24)),
                s.intValue(POF_PERIOD_SLOTS, DEFAULTS.pofPeriodSlots, 1, 100_000),
                coins(s, POF_REWARD, DEFAULTS.pofReward),
                s.longValue(CREDIT_INITIAL, DEFAULTS.creditInitial, -1_000_000_000L, 1_000_000_000L),
                s.longValue(CREDIT_PER_BILL, DEFAULTS.creditPerBill, 0, 1_000_000));
    }

    /** A coins value of the configuration ({@code 20}, {@code 0.5}), named by its key when it is bad. */
    public static CoinAmount coins(Settings s, String key, CoinAmount defaultValue) {
        Optional<String> v = s.optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return parseCoins(v.get())
                .orElseThrow(() -> new ConfigException(
                        key,
                        v.get(),
                        "expected coins between 0 and " + MAX_COINS + " with at most 8 decimals, e.g. 20 or 0.5"));
    }

    /** {@code 12.5} coins as minor units; empty if the text is not 0 … {@value #MAX_COINS} with ≤ 8 decimals. */
    static Optional<CoinAmount> parseCoins(String text) {
        Matcher m = COINS.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long whole = Long.parseLong(m.group(1));
        if (whole > MAX_COINS) {
            return Optional.empty();
        }
        String fraction = m.group(2) == null ? "" : m.group(2);
        long minor = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000000").substring(0, 8));
        CoinAmount amount = CoinAmount.ofCoins(whole).plus(CoinAmount.ofMinorUnits(minor));
        return amount.compareTo(CoinAmount.ofCoins(MAX_COINS)) > 0 ? Optional.empty() : Optional.of(amount);
    }
}
