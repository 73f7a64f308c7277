package org.ebc.agent.trading;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ebc.trade.DemandNotice;
import org.ebc.trade.MarketInfo;
import org.ebc.trade.Side;

/**
 * Which slot an order is for, and whether it may still be placed. An order goes to the next slot whose
 * gate is still open by a safety margin (a twentieth of the slot, at most one second: an order that would
 * reach the gateway after gate closure is only refused as late):
 *
 * <ul>
 *   <li>auction: buy and sell orders until the gate closure ({@code slot − gateLead});
 *   <li>posted: buy requests until the request closure ({@code gate closure − offerWindow}); sell offers only
 *       in answer to that slot's demand notice, until the gate closure.
 * </ul>
 *
 * Stateless.
 */
public final class OrderTiming {
    private OrderTiming() {}

    /** How close to a closure an order is still placed. */
    public static Duration margin(MarketInfo market) {
        Duration twentieth = market.slotLength().dividedBy(20);
        return twentieth.compareTo(Duration.ofSeconds(1)) < 0 ? twentieth : Duration.ofSeconds(1);
    }

    /**
     * The slot to order for now, or empty: a posted-mode sell waits for a demand notice instead
     * ({@link #mayOffer}), and no slot within the market's horizon may be open.
     */
    public static Optional<Instant> slotFor(MarketInfo market, Side side, Instant now) {
        if (market.posted() && side == Side.SELL) {
            return Optional.empty();
        }
        Instant latest = now.plus(margin(market));
        Instant slot = market.slotOf(now).plus(market.slotLength());
        for (int k = 0; k < market.horizonSlots(); k++) {
            Instant closure = market.posted() ? market.requestClosure(slot) : market.gateClosure(slot);
            if (closure.isAfter(latest)) {
                return Optional.of(slot);
            }
            slot = slot.plus(market.slotLength());
        }
        return Optional.empty();
    }

    /** Posted mode: whether a sell offer for the notice's slot may still go out now. */
    public static boolean mayOffer(MarketInfo market, DemandNotice notice, Instant now) {
        return market.posted()
                && market.gateClosure(notice.slot()).isAfter(now.plus(margin(market)))
                && notice.slot().isAfter(now);
    }
}
