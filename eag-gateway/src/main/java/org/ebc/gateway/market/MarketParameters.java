package org.ebc.gateway.market;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.units.Energy;
import org.ebc.units.Price;

/**
 * The rules of one EAG's market: how slots are run, when orders close, the grid's tariffs and the bounds on an
 * order. Immutable; thread-safe.
 *
 * <p>The constructor only refuses nulls, so that a hostile book file can be read into a value and then refused
 * with a reason: everything that takes parameters from outside calls {@link #problem()} (the
 * {@link #fromSettings} factory and the book-file reader do), and an {@link OrderBook} refuses parameters that
 * have a problem.
 *
 * @param mode posted or auction
 * @param pricing pay-as-clear or pay-as-bid (auction only; a posted market trades at its posted price)
 * @param slotLength the length of a slot; slots start at whole multiples of it since the epoch
 * @param gateLead gate closure is this long before a slot starts; the slot is cleared then
 * @param offerWindow posted mode: buy requests close this long before gate closure, sell offers are taken from
 *     then until gate closure
 * @param settlementGrace settlement waits this long after a slot ends for late border readings
 * @param horizonSlots orders are taken for a slot at most this many slot lengths before it starts
 * @param retailTariff what the main grid charges for energy a node imports (unmatched demand), per kWh
 * @param feedInTariff what the main grid pays for energy a node exports (unmatched supply), per kWh; ≤ retail
 * @param maxOrderEnergy the largest energy one order may ask for or offer
 * @param maxLimitPrice the highest limit price an order may carry; at least the retail tariff
 */
public record MarketParameters(
        MarketMode mode,
        Pricing pricing,
        Duration slotLength,
        Duration gateLead,
        Duration offerWindow,
        Duration settlementGrace,
        int horizonSlots,
        Price retailTariff,
        Price feedInTariff,
        Energy maxOrderEnergy,
        Price maxLimitPrice) {

    public static final String MODE = "market.mode";
    public static final String PRICING = "market.pricing";
    public static final String SLOT_LENGTH = "market.slot.length";
    public static final String GATE_LEAD = "market.gate.lead";
    public static final String OFFER_WINDOW = "market.posted.offer.window";
    public static final String SETTLEMENT_GRACE = "market.settlement.grace";
    public static final String HORIZON = "market.horizon.slots";
    public static final String RETAIL = "market.tariff.retail";
    public static final String FEED_IN = "market.tariff.feedin";
    public static final String MAX_ORDER_WH = "market.order.max.wh";
    public static final String MAX_ORDER_PRICE = "market.order.max.price";

    /** Every key {@link #fromSettings} reads, for {@code GatewayConfig.knownKeys()}. */
    public static final Set<String> KEYS = Set.of(
            MODE,
            PRICING,
            SLOT_LENGTH,
            GATE_LEAD,
            OFFER_WINDOW,
            SETTLEMENT_GRACE,
            HORIZON,
            RETAIL,
            FEED_IN,
            MAX_ORDER_WH,
            MAX_ORDER_PRICE);

    /**
     * The highest price anything in a market may carry: 10,000 coins per kWh. With {@link #ORDER_ENERGY_CEILING}
     * it keeps the cost of one order ({@code Price.costOf}) far inside a long.
     */
    public static final Price PRICE_CEILING = Price.ofMinorUnitsPerKWh(1_000_000_000_000L);
    /** The largest energy one order may carry: 1 GWh. */
    public static final Energy ORDER_ENERGY_CEILING = Energy.ofWh(1_000_000_000L);

    static final int MAX_HORIZON_SLOTS = 96;
    private static final Duration DAY = Duration.ofDays(1);

    /** The defaults: posted, pay-as-clear, 15 min slots, 5 min lead, 2 min offer window and grace, 4 slots ahead. */
    public static final MarketParameters DEFAULTS = new MarketParameters(
            MarketMode.POSTED,
            Pricing.PAY_AS_CLEAR,
            Duration.ofMinutes(15),
            Duration.ofMinutes(5),
            Duration.ofMinutes(2),
            Duration.ofMinutes(2),
            4,
            Price.ofMinorUnitsPerKWh(30_000_000L), // 0.30 EC/kWh
            Price.ofMinorUnitsPerKWh(8_000_000L), // 0.08 EC/kWh
            Energy.ofWh(100_000), // 100 kWh per order and slot: 400 kW for 15 min, beyond any node of a microgrid
            Price.ofMinorUnitsPerKWh(100_000_000L)); // 1 EC/kWh

    public MarketParameters {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pricing, "pricing");
        Objects.requireNonNull(slotLength, "slotLength");
        Objects.requireNonNull(gateLead, "gateLead");
        Objects.requireNonNull(offerWindow, "offerWindow");
        Objects.requireNonNull(settlementGrace, "settlementGrace");
        Objects.requireNonNull(retailTariff, "retailTariff");
        Objects.requireNonNull(feedInTariff, "feedInTariff");
        Objects.requireNonNull(maxOrderEnergy, "maxOrderEnergy");
        Objects.requireNonNull(maxLimitPrice, "maxLimitPrice");
    }

    /** The first thing wrong with these parameters, or empty if a market can run on them. */
    public Optional<ParameterProblem> problem() {
        if (!wholeMillis(slotLength)
                || slotLength.compareTo(Duration.ofSeconds(1)) < 0
                || slotLength.compareTo(DAY) > 0) {
            return Optional.of(ParameterProblem.SLOT_LENGTH);
        }
        if (horizonSlots < 1 || horizonSlots > MAX_HORIZON_SLOTS) {
            return Optional.of(ParameterProblem.HORIZON);
        }
        if (!wholeMillis(offerWindow)
                || offerWindow.isNegative()
                || offerWindow.compareTo(DAY) > 0
                || (mode == MarketMode.POSTED && offerWindow.isZero())) {
            return Optional.of(ParameterProblem.OFFER_WINDOW);
        }
        if (!wholeMillis(gateLead) || gateLead.isNegative() || gateLead.compareTo(DAY) > 0) {
            return Optional.of(ParameterProblem.GATE_LEAD);
        }
        // Orders open horizon × slot before the start and close at gate closure (posted: buy requests close an
        // offer window earlier); without time in between, no order could ever be placed.
        long closedBeforeStartMs = gateLead.toMillis() + (mode == MarketMode.POSTED ? offerWindow.toMillis() : 0);
        if (closedBeforeStartMs >= horizonSlots * slotLength.toMillis()) {
            return Optional.of(ParameterProblem.GATE_LEAD);
        }
        if (!wholeMillis(settlementGrace) || settlementGrace.isNegative() || settlementGrace.compareTo(DAY) > 0) {
            return Optional.of(ParameterProblem.SETTLEMENT_GRACE);
        }
        if (retailTariff.compareTo(PRICE_CEILING) > 0) {
            return Optional.of(ParameterProblem.RETAIL_TARIFF);
        }
        if (feedInTariff.compareTo(retailTariff) > 0) {
            return Optional.of(ParameterProblem.FEED_IN_TARIFF);
        }
        if (maxOrderEnergy.wh() < 1 || maxOrderEnergy.compareTo(ORDER_ENERGY_CEILING) > 0) {
            return Optional.of(ParameterProblem.MAX_ORDER_ENERGY);
        }
        if (maxLimitPrice.compareTo(retailTariff) < 0 || maxLimitPrice.compareTo(PRICE_CEILING) > 0) {
            return Optional.of(ParameterProblem.MAX_LIMIT_PRICE);
        }
        return Optional.empty();
    }

    /** A copy run in {@code newMode} with {@code newPricing} (the offline {@code market clear} overrides). */
    public MarketParameters withRules(MarketMode newMode, Pricing newPricing) {
        return new MarketParameters(
                newMode,
                newPricing,
                slotLength,
                gateLead,
                offerWindow,
                settlementGrace,
                horizonSlots,
                retailTariff,
                feedInTariff,
                maxOrderEnergy,
                maxLimitPrice);
    }

    /**
     * The market keys of a configuration file ({@link #KEYS}; defaults from {@link #DEFAULTS}). Durations as
     * {@link Settings#duration} reads them ({@code 15m}, {@code 500ms}, {@code PT2M}); tariffs and the maximum
     * price as decimal coins per kWh ({@code 0.30}, see {@link CoinPrice}); {@code market.order.max.wh} in whole
     * Wh.
     *
     * @throws ConfigException naming the key and its value for the first value that is malformed or, together
     *     with the others, cannot run a market
     */
    public static MarketParameters fromSettings(Settings s) {
        MarketParameters d = DEFAULTS;
        MarketParameters p = new MarketParameters(
                s.parsed(
                        MODE,
                        d.mode.wireName(),
                        "posted or auction",
                        t -> MarketMode.parse(t).orElse(null)),
                s.parsed(
                        PRICING,
                        d.pricing.wireName(),
                        "pay-as-clear or pay-as-bid",
                        t -> Pricing.parse(t).orElse(null)),
                s.duration(SLOT_LENGTH, d.slotLength, Duration.ofSeconds(1), DAY),
                s.duration(GATE_LEAD, d.gateLead, Duration.ZERO, DAY),
                s.duration(OFFER_WINDOW, d.offerWindow, Duration.ZERO, DAY),
                s.duration(SETTLEMENT_GRACE, d.settlementGrace, Duration.ZERO, DAY),
                s.intValue(HORIZON, d.horizonSlots, 1, MAX_HORIZON_SLOTS),
                price(s, RETAIL, d.retailTariff),
                price(s, FEED_IN, d.feedInTariff),
                Energy.ofWh(s.longValue(MAX_ORDER_WH, d.maxOrderEnergy.wh(), 1, ORDER_ENERGY_CEILING.wh())),
                price(s, MAX_ORDER_PRICE, d.maxLimitPrice));
        Optional<ParameterProblem> problem = p.problem();
        if (problem.isPresent()) {
            ParameterProblem pp = problem.get();
            throw new ConfigException(pp.key(), s.string(pp.key(), "(default) " + defaultText(pp)), pp.expected());
        }
        return p;
    }

    private static Price price(Settings s, String key, Price defaultValue) {
        return s.parsed(
                key,
                CoinPrice.format(defaultValue),
                "decimal coins per kWh such as 0.30, at most 8 decimals, not negative",
                t -> CoinPrice.parse(t).orElse(null));
    }

    /** The default value of the key a problem names, for an error about a combination with a default. */
    private static String defaultText(ParameterProblem p) {
        MarketParameters d = DEFAULTS;
        return switch (p) {
            case SLOT_LENGTH -> d.slotLength.toString();
            case GATE_LEAD -> d.gateLead.toString();
            case OFFER_WINDOW -> d.offerWindow.toString();
            case SETTLEMENT_GRACE -> d.settlementGrace.toString();
            case HORIZON -> String.valueOf(d.horizonSlots);
            case RETAIL_TARIFF -> CoinPrice.format(d.retailTariff);
            case FEED_IN_TARIFF -> CoinPrice.format(d.feedInTariff);
            case MAX_ORDER_ENERGY -> String.valueOf(d.maxOrderEnergy.wh());
            case MAX_LIMIT_PRICE -> CoinPrice.format(d.maxLimitPrice);
        };
    }

    private static boolean wholeMillis(Duration d) {
        return d.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).equals(d);
    }
}
