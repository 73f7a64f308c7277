package org.ebc.gateway.market;

import java.util.Objects;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * One matched pair of a slot: the seller delivers {@code energy} to the buyer at {@code price}. Immutable.
 *
 * @param sell the sell order
 * @param buy the buy order
 * @param seller the sell order's wallet address (paid to)
 * @param buyer the buy order's wallet address (pays from)
 * @param energy the energy matched, positive Wh
 * @param price the price of this pair, coin minor units per kWh
 */
public record Trade(OrderId sell, OrderId buy, WalletAddress seller, WalletAddress buyer, Energy energy, Price price) {

    public Trade {
        Objects.requireNonNull(sell, "sell");
        Objects.requireNonNull(buy, "buy");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(buyer, "buyer");
        Objects.requireNonNull(price, "price");
        if (energy.wh() <= 0) {
            throw new IllegalArgumentException("a trade's energy must be positive: " + energy);
        }
    }

    /** What the trade is worth if all of it is delivered: {@code price.costOf(energy)}, rounded down once. */
    public CoinAmount value() {
        return price.costOf(energy);
    }
}
