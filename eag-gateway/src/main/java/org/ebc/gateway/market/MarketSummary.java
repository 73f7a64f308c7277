package org.ebc.gateway.market;

import java.util.Optional;
import org.ebc.units.Energy;
import org.ebc.units.Price;

/**
 * What the market topic may carry about a cleared slot: aggregates only, no node id, no wallet address (the
 * paper's privacy: each node learns its own allocation on its own topic). Immutable.
 *
 * @param slot the slot
 * @param mode the mode
 * @param pricing the pricing rule
 * @param price the uniform (posted or clearing) price, if there is one
 * @param orders orders in the book
 * @param trades matched pairs
 * @param volume energy traded between nodes
 * @param gridImport unmatched demand, bought from the grid
 * @param gridExport unmatched supply, sold to the grid
 * @param digest the allocation's digest, so that anyone holding their part can check it belongs to this slot
 */
public record MarketSummary(
        MarketSlot slot,
        MarketMode mode,
        Pricing pricing,
        Optional<Price> price,
        int orders,
        int trades,
        Energy volume,
        Energy gridImport,
        Energy gridExport,
        String digest) {}
