package org.ebc.gateway.market;

import java.util.List;
import java.util.Optional;
import org.ebc.units.Price;

/**
 * {@link MarketMode#POSTED}, the paper's market (§II.B.3): the server broadcast the total demand D and the posted
 * price p ({@link PostedTerms}); sellers answered with offers. Cleared at gate closure:
 *
 * <ol>
 *   <li>A buy request whose limit is below p, and an offer whose limit (the seller's minimum) is above p, take
 *       no part; their energy is left to the grid.
 *   <li>With the remaining demand D' and supply S: if {@code S ≥ D'}, every buyer gets all it asked for and each
 *       seller sells its share of D' in proportion to its offer; if {@code S < D'}, every seller sells all it
 *       offered and each buyer gets its share of S in proportion to its request. Shares are whole Wh by the
 *       {@link LargestRemainder} rule, ties to the earlier arrival (then order id), so Σ matched buys = Σ matched
 *       sells exactly.
 *   <li>Buyers and sellers, each in arrival order (then order id), are paired greedily; every pair trades at p.
 * </ol>
 */
final class PostedMarket {
    private PostedMarket() {}

    static Allocation clear(OrderBook book) {
        PostedTerms terms = book.posted().orElseThrow(); // OrderBook guarantees terms in posted mode
        Price p = terms.price();
        Order[] buyers = Clearing.sorted(book, Side.BUY, Order::byArrival);
        Order[] sellers = Clearing.sorted(book, Side.SELL, Order::byArrival);
        long[] buyWeights = new long[buyers.length];
        long[] sellWeights = new long[sellers.length];
        long demand = 0;
        long supply = 0;
        for (int k = 0; k < buyers.length; k++) {
            if (buyers[k].limit().compareTo(p) >= 0) {
                buyWeights[k] = buyers[k].energy().wh();
                demand += buyWeights[k];
            }
        }
        for (int k = 0; k < sellers.length; k++) {
            if (sellers[k].limit().compareTo(p) <= 0) {
                sellWeights[k] = sellers[k].energy().wh();
                supply += sellWeights[k];
            }
        }
        long[] buyShares;
        long[] sellShares;
        if (supply >= demand) {
            buyShares = buyWeights;
            sellShares = LargestRemainder.apportion(demand, sellWeights);
        } else {
            sellShares = sellWeights;
            buyShares = LargestRemainder.apportion(supply, buyWeights);
        }
        List<Trade> trades = Clearing.pair(buyers, buyShares, sellers, sellShares, (b, s) -> p);
        return Clearing.allocation(book, Optional.of(p), trades, buyers, buyShares, sellers, sellShares);
    }
}
