package org.ebc.gateway.credit;

import java.time.Duration;
import java.util.Set;
import org.ebc.config.Settings;
import org.ebc.gateway.credit.pricing.PricingMethod;
import org.ebc.gateway.payment.PaymentSettings;
import org.ebc.units.CoinAmount;

/**
 * The credit bank in {@code eag-gateway run} ({@code bank.*}; docs/credit-bank.md). Keys (all optional; defaults in
 * brackets):
 *
 * <ul>
 *   <li>{@value #ENABLED} [false]: run the bank (it lends from the EAG's own account)</li>
 *   <li>{@value #CAPITAL} [100]: coins of the EAG's account the bank may lend, at most</li>
 *   <li>{@value #VALIDITY} [1h]: how long a token pays (the paper's t)</li>
 *   <li>{@value #BUFFER} [1h]: the repayment buffer after it (repaid by then: case one)</li>
 *   <li>{@value #DEFAULT_AFTER} [720h]: unpaid this long after the buffer, the loan is written off and its borrower
 *       blacklisted consortium-wide (case three)</li>
 *   <li>{@value #CREDIT_DROP} [2]: credit points lost per coin lent when a loan is late (case two's d)</li>
 *   <li>{@value #MIN_INCOME} [0.01]: coins earned selling energy within {@value #INCOME_WINDOW} that count as a
 *       regular income</li>
 *   <li>{@value #INCOME_WINDOW} [24h]</li>
 *   <li>{@value #POINTS_PER_GRADE} [1]: credit points per credit grade step (G5 at 0)</li>
 *   <li>{@value #SWEEP} [5s]: how often deadlines are looked at and due loans billed</li>
 * </ul>
 *
 * The borrower model of §IV is the documented example (docs/credit-pricing.md §7), priced in closed form.
 */
public record BankSettings(
        boolean enabled, CoinAmount capital, CreditSettings credit, Duration incomeWindow, Duration sweep) {
    public static final String ENABLED = "bank.enabled";
    public static final String CAPITAL = "bank.capital";
    public static final String VALIDITY = "bank.validity";
    public static final String BUFFER = "bank.buffer";
    public static final String DEFAULT_AFTER = "bank.default.after";
    public static final String CREDIT_DROP = "bank.credit.drop";
    public static final String MIN_INCOME = "bank.min.income";
    public static final String INCOME_WINDOW = "bank.income.window";
    public static final String POINTS_PER_GRADE = "bank.points.per.grade";
    public static final String SWEEP = "bank.sweep";

    /** Every key this record reads. */
    public static final Set<String> KEYS = Set.of(
            ENABLED,
            CAPITAL,
            VALIDITY,
            BUFFER,
            DEFAULT_AFTER,
            CREDIT_DROP,
            MIN_INCOME,
            INCOME_WINDOW,
            POINTS_PER_GRADE,
            SWEEP);

    public static BankSettings from(Settings s) {
        Duration second = Duration.ofSeconds(1);
        Duration year = Duration.ofDays(3_650);
        CreditSettings credit = new CreditSettings(
                s.duration(VALIDITY, Duration.ofHours(1), second, year),
                s.duration(BUFFER, Duration.ofHours(1), Duration.ZERO, year),
                s.duration(DEFAULT_AFTER, Duration.ofDays(30), Duration.ZERO, year),
                s.longValue(CREDIT_DROP, 2, 0, 1_000_000),
                PaymentSettings.coins(s, MIN_INCOME, CoinAmount.ofMinorUnits(1_000_000)),
                s.longValue(POINTS_PER_GRADE, 1, 1, 1_000_000),
                CreditSettings.exampleModel(),
                PricingMethod.CLOSED_FORM);
        return new BankSettings(
                s.bool(ENABLED, false),
                PaymentSettings.coins(s, CAPITAL, CoinAmount.ofCoins(100)),
                credit,
                s.duration(INCOME_WINDOW, Duration.ofHours(24), second, year),
                s.duration(SWEEP, Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofHours(1)));
    }
}
