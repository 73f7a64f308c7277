package org.ebc.gateway.settlement;

import java.util.Objects;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;

/**
 * One participating node's settlement of a slot, for the operator and for the node itself (it names the node,
 * so it goes to the node's own topic, never to the market topic). All energies in Wh. Immutable.
 *
 * @param node the node
 * @param metering what its border readings proved; {@link Metering.Unproven} marks the node UNPROVEN for the
 *     operator, with the reason
 * @param ordered the energy of its buy orders
 * @param offered the energy of its sell orders
 * @param bought what the clearing matched it to buy
 * @param sold what the clearing matched it to sell
 * @param delivered of {@code sold}, what its export proves it delivered to its buyers: min(measured export, sold)
 * @param received what its sellers delivered towards it (≤ bought)
 * @param p2pImport energy billed to it peer to peer: min(received, measured import)
 * @param p2pExport energy its buyers were billed for its deliveries (≤ delivered)
 * @param gridImport energy billed to it at the retail tariff (within its orders)
 * @param gridExport energy billed to the grid for it at the feed-in tariff (within its offers)
 * @param paid the sum of the amounts it pays
 * @param earned the sum of the amounts it is paid
 */
public record NodeSettlement(
        NodeId node,
        Metering metering,
        Energy ordered,
        Energy offered,
        Energy bought,
        Energy sold,
        Energy delivered,
        Energy received,
        Energy p2pImport,
        Energy p2pExport,
        Energy gridImport,
        Energy gridExport,
        CoinAmount paid,
        CoinAmount earned) {

    public NodeSettlement {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(metering, "metering");
    }

    /** True unless a border reading failed to prove the slot. */
    public boolean proven() {
        return metering instanceof Metering.Measured;
    }
}
