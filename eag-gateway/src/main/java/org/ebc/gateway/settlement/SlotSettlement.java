package org.ebc.gateway.settlement;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ebc.gateway.market.ContentDigest;
import org.ebc.gateway.market.MarketSlot;
import org.ebc.gateway.market.OrderId;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * A slot settled by its meters ({@link Settlement#settle}): the bill lines and one summary per participating
 * node. {@link #canonicalBytes()} is its one encoding (fixed field order, integers only; {@code docs/market.md}
 * § Settlement), {@link #digest()} names it. Immutable.
 *
 * @param slot the slot
 * @param allocationDigest the digest of the allocation settled
 * @param gridAccount the EAG's grid account (pays grid-export lines, is paid grid-import lines)
 * @param retailTariff the price of grid-import lines
 * @param feedInTariff the price of grid-export lines
 * @param lines the bill lines: p2p in trade order, then grid-import, then grid-export, each
 *     node by node (node id order) and a node's orders in arrival order
 * @param nodes one summary per node with an order, by node id
 */
public record SlotSettlement(
        MarketSlot slot,
        String allocationDigest,
        WalletAddress gridAccount,
        Price retailTariff,
        Price feedInTariff,
        List<BillLine> lines,
        List<NodeSettlement> nodes) {

    public SlotSettlement {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(allocationDigest, "allocationDigest");
        Objects.requireNonNull(gridAccount, "gridAccount");
        Objects.requireNonNull(retailTariff, "retailTariff");
        Objects.requireNonNull(feedInTariff, "feedInTariff");
        lines = List.copyOf(lines);
        nodes = List.copyOf(nodes);
    }

    public byte[] canonicalBytes() {
        return SettlementJson.write(this);
    }

    /** SHA-256 of {@link #canonicalBytes()}, 64 lowercase hex digits. */
    public String digest() {
        return ContentDigest.sha256Hex(canonicalBytes());
    }

    /** The lines of one kind, in settlement order. */
    public List<BillLine> lines(BillKind kind) {
        List<BillLine> out = new ArrayList<>();
        for (BillLine l : lines) {
            if (l.kind() == kind) {
                out.add(l);
            }
        }
        return out;
    }

    /** The lines {@code node} pays or is paid, through one of its orders: what its bills are made of. */
    public List<BillLine> linesOf(NodeId node) {
        List<BillLine> out = new ArrayList<>();
        for (BillLine l : lines) {
            if (isOf(l.sellOrder(), node) || isOf(l.buyOrder(), node)) {
                out.add(l);
            }
        }
        return out;
    }

    /** The summary of {@code node}, if it had an order in the slot. */
    public Optional<NodeSettlement> node(NodeId node) {
        for (NodeSettlement n : nodes) {
            if (n.node().equals(node)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** The energy of all lines of {@code kind}. */
    public Energy energy(BillKind kind) {
        long wh = 0;
        for (BillLine l : lines) {
            if (l.kind() == kind) {
                wh += l.energy().wh();
            }
        }
        return Energy.ofWh(wh);
    }

    /** The amount of all lines of {@code kind}. */
    public CoinAmount amount(BillKind kind) {
        long m = 0;
        for (BillLine l : lines) {
            if (l.kind() == kind) {
                m = Math.addExact(m, l.amount().minorUnits());
            }
        }
        return CoinAmount.ofMinorUnits(m);
    }

    /** The nodes whose border readings did not prove the slot, for the operator. */
    public List<NodeSettlement> unproven() {
        List<NodeSettlement> out = new ArrayList<>();
        for (NodeSettlement n : nodes) {
            if (!n.proven()) {
                out.add(n);
            }
        }
        return out;
    }

    private static boolean isOf(Optional<OrderId> order, NodeId node) {
        return order.isPresent() && order.get().node().equals(node);
    }
}
