package org.ebc.gateway.settlement;

import java.util.Objects;
import java.util.Optional;
import org.ebc.gateway.market.OrderId;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * One line of a slot's bills: {@code payer} owes {@code payee} {@code amount} for {@code energy} at {@code price}.
 * The amount is {@code price.costOf(energy)}, rounded down once for the line, and the same integer is debited
 * and credited, so settlement creates and destroys no coin. Immutable.
 *
 * @param id {@code <slot start ms>-<index>}, the line's position in the settlement: unique and deterministic
 * @param kind p2p, grid-import or grid-export
 * @param sellOrder the sell order (p2p, grid-export)
 * @param buyOrder the buy order (p2p, grid-import)
 * @param payer the wallet address that pays (the buyer, or the grid account for grid-export)
 * @param payee the wallet address paid (the seller, or the grid account for grid-import)
 * @param energy Wh, positive
 * @param price minor units per kWh
 * @param amount {@code price.costOf(energy)}
 */
public record BillLine(
        String id,
        BillKind kind,
        Optional<OrderId> sellOrder,
        Optional<OrderId> buyOrder,
        WalletAddress payer,
        WalletAddress payee,
        Energy energy,
        Price price,
        CoinAmount amount) {

    public BillLine {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sellOrder, "sellOrder");
        Objects.requireNonNull(buyOrder, "buyOrder");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(price, "price");
        if (energy.wh() <= 0) {
            throw new IllegalArgumentException("a bill line's energy is positive: " + energy);
        }
        if (!amount.equals(price.costOf(energy))) {
            throw new IllegalArgumentException("amount " + amount + " is not the cost of " + energy + " at " + price);
        }
    }
}
