package org.ebc.gateway.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ebc.units.CoinAmount;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * The in-memory twin of {@link SqliteAccountPool}, for unit tests and for tools that need no durability.
 * Same contract, checked by the same tests. Thread-safe (every method holds the pool's lock).
 */
public final class InMemoryAccountPool implements AccountPool {
    private final Map<NodeId, NodeRecord> nodes = new TreeMap<>();
    private final Map<WalletAddress, NodeId> owners = new TreeMap<>();
    private final Map<WalletAddress, Long> balances = new TreeMap<>();

    @Override
    public synchronized void bindNode(NodeRecord node) {
        nodeOfMeter(node.meter())
                .filter(other -> !other.node().equals(node.node()))
                .ifPresent(other -> {
                    throw new IllegalArgumentException(
                            "meter " + node.meter() + " is already bound to node " + other.node());
                });
        nodes.put(node.node(), node);
    }

    @Override
    public synchronized Optional<NodeRecord> node(NodeId node) {
        return Optional.ofNullable(nodes.get(node));
    }

    @Override
    public synchronized Optional<NodeRecord> nodeOfMeter(MeterSerial meter) {
        return nodes.values().stream().filter(n -> n.meter().equals(meter)).findFirst();
    }

    @Override
    public synchronized List<NodeRecord> nodes() {
        return new ArrayList<>(nodes.values());
    }

    @Override
    public synchronized WalletBindResult bindWallet(WalletAddress address, NodeId node) {
        if (!nodes.containsKey(node)) {
            return WalletBindResult.UNKNOWN_NODE;
        }
        NodeId owner = owners.get(address);
        if (owner != null) {
            return owner.equals(node) ? WalletBindResult.ALREADY_BOUND : WalletBindResult.BOUND_TO_OTHER_NODE;
        }
        owners.put(address, node);
        return WalletBindResult.BOUND;
    }

    @Override
    public synchronized Optional<NodeId> ownerOf(WalletAddress address) {
        return Optional.ofNullable(owners.get(address));
    }

    @Override
    public synchronized List<WalletAddress> walletsOf(NodeId node) {
        return owners.entrySet().stream()
                .filter(e -> e.getValue().equals(node))
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public synchronized CoinAmount balance(WalletAddress address) {
        return CoinAmount.ofMinorUnits(balances.getOrDefault(address, 0L));
    }

    @Override
    public synchronized void credit(WalletAddress address, CoinAmount amount) {
        requireUsable(address, amount);
        balances.merge(address, amount.minorUnits(), Math::addExact);
    }

    @Override
    public synchronized boolean debit(WalletAddress address, CoinAmount amount) {
        requireUsable(address, amount);
        long current = balances.getOrDefault(address, 0L);
        if (current < amount.minorUnits()) {
            return false;
        }
        balances.put(address, current - amount.minorUnits());
        return true;
    }

    private void requireUsable(WalletAddress address, CoinAmount amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        if (!owners.containsKey(address)) {
            throw new IllegalArgumentException("address " + address + " is not bound to any node");
        }
    }
}
