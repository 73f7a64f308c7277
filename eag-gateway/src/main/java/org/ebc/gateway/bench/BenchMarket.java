package org.ebc.gateway.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ebc.gateway.market.MarketMode;
import org.ebc.gateway.market.MarketParameters;
import org.ebc.gateway.market.Pricing;
import org.ebc.gateway.payment.PaymentSettings;
import org.ebc.gateway.verify.RatedPowers;

/**
 * The bench's market: real-time slots of a few seconds (each one a simulated stretch of the day, the meters
 * running {@code acceleration} times faster), with the gate, the posted offer window and the settlement grace
 * scaled to the slot. The agents read at the same slot borders ({@code market.slot}) and trade with a small
 * reserve, so that in a few seconds of accelerated sunshine the PV and prosumer meters have something to sell.
 *
 * @param mode posted (the paper's) or auction
 * @param pricing the auction's pricing rule
 * @param slot the slot length, real time
 */
public record BenchMarket(MarketMode mode, Pricing pricing, Duration slot) {
    public static final Duration DEFAULT_SLOT = Duration.ofSeconds(10);
    /** The agents' dead band in the bench: a household draws ~80 Wh in an accelerated 10-second slot. */
    static final long AGENT_RESERVE_WH = 20;

    public BenchMarket {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pricing, "pricing");
        if (slot.compareTo(Duration.ofSeconds(4)) < 0) {
            throw new IllegalArgumentException("a bench slot lasts at least 4 s, not " + slot);
        }
    }

    public static BenchMarket defaults() {
        return new BenchMarket(MarketMode.POSTED, Pricing.PAY_AS_CLEAR, DEFAULT_SLOT);
    }

    /**
     * The gateway's rated power for meters at {@code acceleration}× real time: they measure that many times more energy
     * per real second than their connection allows, so the plausibility limit scales with them.
     */
    public static Map<String, String> ratedPower(long acceleration) {
        return Map.of(RatedPowers.KEY, String.valueOf(RatedPowers.DEFAULT_WATTS * acceleration));
    }

    /** The gateway's market keys, and its rated power scaled by the meters' acceleration. */
    public Map<String, String> gatewayKeys(long acceleration) {
        long ms = slot.toMillis();
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MarketParameters.MODE, mode.wireName());
        m.put(MarketParameters.PRICING, pricing.wireName());
        m.put(MarketParameters.SLOT_LENGTH, ms + "ms");
        m.put(MarketParameters.GATE_LEAD, ms * 3 / 10 + "ms");
        m.put(MarketParameters.OFFER_WINDOW, ms * 15 / 100 + "ms");
        m.put(MarketParameters.SETTLEMENT_GRACE, ms * 4 / 10 + "ms");
        m.put(MarketParameters.HORIZON, "3");
        m.putAll(ratedPower(acceleration));
        // The grid account's float: it pays sellers for what the market did not take before any buyer paid it.
        m.put(PaymentSettings.GRID_ALLOCATION, "1000");
        // A payee that does not co-sign within a slot (an agent that stopped) releases the transfer: the bill opens.
        m.put(PaymentSettings.COSIGN_TIMEOUT, ms + "ms");
        // The credit bank, on the bench's clock: a token pays for three slots and is repaid within three more.
        m.put(org.ebc.gateway.credit.BankSettings.ENABLED, "true");
        m.put(org.ebc.gateway.credit.BankSettings.VALIDITY, ms * 3 + "ms");
        m.put(org.ebc.gateway.credit.BankSettings.BUFFER, ms * 3 + "ms");
        m.put(org.ebc.gateway.credit.BankSettings.SWEEP, "1s");
        return m;
    }

    /** What every agent needs to trade in this market. */
    public Map<String, String> agentKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("market.slot", slot.toMillis() + "ms");
        m.put("trading.reserve.wh", String.valueOf(AGENT_RESERVE_WH));
        m.put("trading.resend-after", Math.max(2_000, slot.toMillis() / 4) + "ms");
        return m;
    }
}
