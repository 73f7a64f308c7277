package org.ebc.agent.trading;

import java.time.Duration;
import java.util.Set;
import org.ebc.config.Settings;
import org.ebc.units.Energy;

/**
 * The agent's trading keys (one block of the agent's config file). Immutable; thread-safe.
 *
 * @param enabled {@code trading.enabled}: whether the agent orders, pays and co-signs at all
 * @param reserve {@code trading.reserve.wh}: the dead band and safety margin, Wh ≥ 0. A node whose estimated
 *     surplus per slot lies within ±reserve stays idle; beyond it, it sells the surplus minus the reserve or
 *     buys the deficit minus the reserve, so it never offers energy its forecast is unsure of
 * @param windowSlots {@code trading.window.slots}: how many past slots the surplus estimate averages (1 = the
 *     last completed slot)
 * @param buyLimit {@code trading.buy.limit}: a buyer's highest price (never above retail)
 * @param sellLimit {@code trading.sell.limit}: a seller's lowest price (never below feed-in)
 * @param resendAfter {@code trading.resend-after}: an order, transfer or co-signature the gateway has not
 *     answered within this is published again (the gateway is idempotent on them)
 */
public record TradingConfig(
        boolean enabled,
        Energy reserve,
        int windowSlots,
        LimitPrice buyLimit,
        LimitPrice sellLimit,
        Duration resendAfter) {

    public static final String ENABLED = "trading.enabled";
    public static final String RESERVE_WH = "trading.reserve.wh";
    public static final String WINDOW_SLOTS = "trading.window.slots";
    public static final String BUY_LIMIT = "trading.buy.limit";
    public static final String SELL_LIMIT = "trading.sell.limit";
    public static final String RESEND_AFTER = "trading.resend-after";

    /** Every trading key (the agent's config file refuses keys nobody knows). */
    public static final Set<String> KEYS =
            Set.of(ENABLED, RESERVE_WH, WINDOW_SLOTS, BUY_LIMIT, SELL_LIMIT, RESEND_AFTER);

    public static final long DEFAULT_RESERVE_WH = 100;

    /**
     * Reads and checks the trading keys.
     *
     * @throws org.ebc.config.ConfigException naming the key and the bad value
     */
    public static TradingConfig from(Settings s) {
        boolean enabled = s.bool(ENABLED, true);
        long reserve = s.longValue(RESERVE_WH, DEFAULT_RESERVE_WH, 0, 1_000_000_000L);
        int window = s.intValue(WINDOW_SLOTS, 1, 1, 96);
        LimitPrice buy = LimitPrice.parse(BUY_LIMIT, s.string(BUY_LIMIT, LimitPrice.TARIFF_WORD));
        LimitPrice sell = LimitPrice.parse(SELL_LIMIT, s.string(SELL_LIMIT, LimitPrice.TARIFF_WORD));
        Duration resend =
                s.duration(RESEND_AFTER, Duration.ofSeconds(15), Duration.ofMillis(100), Duration.ofMinutes(10));
        return new TradingConfig(enabled, Energy.ofWh(reserve), window, buy, sell, resend);
    }
}
