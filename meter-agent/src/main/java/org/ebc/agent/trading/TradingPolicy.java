package org.ebc.agent.trading;

import java.util.Optional;
import org.ebc.trade.MarketInfo;
import org.ebc.trade.Side;
import org.ebc.units.Energy;
import org.ebc.units.Price;

/**
 * Buyer, seller or idle for the next slot, from the node's recent surplus (see {@link SurplusEstimate}) and
 * its reserve, with limit prices from the configuration clamped to the grid's tariffs. A pure function:
 *
 * <ul>
 *   <li>surplus &gt; reserve: sell {@code surplus − reserve} at no less than the sell limit (≥ feed-in);
 *   <li>surplus &lt; −reserve: buy {@code −surplus − reserve} at no more than the buy limit (≤ retail);
 *   <li>otherwise, or with no estimate yet: idle.
 * </ul>
 *
 * Either order is capped at the market's largest order. Amounts are whole Wh; nothing rounds.
 */
public final class TradingPolicy {
    private TradingPolicy() {}

    public static Decision decide(Optional<Energy> surplus, TradingConfig config, MarketInfo market) {
        if (surplus.isEmpty()) {
            return Decision.idle("no surplus estimate yet (it needs two slot-border readings in a row)");
        }
        long s = surplus.get().wh();
        long reserve = config.reserve().wh();
        String estimate = "surplus " + s + " Wh per slot, reserve " + reserve + " Wh";
        if (Math.abs(s) <= reserve) {
            return Decision.idle(estimate + ": within the reserve");
        }
        long max = market.maxOrder().wh();
        if (max <= 0) {
            return Decision.idle(estimate + ", but the market takes no orders (maxWh 0)");
        }
        if (s > 0) {
            Price limit = config.sellLimit().forSeller(market);
            long wh = Math.min(s - reserve, max);
            return Decision.of(Side.SELL, Energy.ofWh(wh), limit, estimate);
        }
        Price limit = config.buyLimit().forBuyer(market);
        // s < -reserve <= 0, so -s does not overflow unless s is Long.MIN_VALUE, which no register reaches.
        long wh = Math.min(Math.negateExact(s) - reserve, max);
        return Decision.of(Side.BUY, Energy.ofWh(wh), limit, estimate);
    }
}
