package org.ebc.gateway.credit;

import java.util.HashMap;
import java.util.Map;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * The twin of the bank's {@link Coins} and {@link CreditValues} ports in memory: an account pool that conserves coins
 * (every move takes from one address exactly what it gives another) and the nodes' credit values. For tests and the
 * credit bench, until the payment core takes the bank's moves. Thread-safe.
 */
public final class InMemoryAccounts implements Coins, CreditValues {
    private final Map<WalletAddress, Long> coins = new HashMap<>();
    private final Map<NodeId, Long> credit = new HashMap<>();

    @Override
    public synchronized CoinAmount balance(WalletAddress a) {
        return CoinAmount.ofMinorUnits(coins.getOrDefault(a, 0L));
    }

    @Override
    public synchronized boolean move(WalletAddress from, WalletAddress to, CoinAmount amount) {
        if (amount.minorUnits() < 1 || balance(from).compareTo(amount) < 0) {
            return false;
        }
        coins.merge(from, -amount.minorUnits(), Long::sum);
        coins.merge(to, amount.minorUnits(), Long::sum);
        return true;
    }

    /** Coins that come from outside the bank's world (a test's or bench's allocation). */
    public synchronized void allocate(WalletAddress a, CoinAmount amount) {
        coins.merge(a, amount.minorUnits(), Long::sum);
    }

    /** The coins in all addresses together. */
    public synchronized long totalMinorUnits() {
        return coins.values().stream().mapToLong(Long::longValue).sum();
    }

    /** True if no address holds a negative balance. */
    public synchronized boolean noneNegative() {
        return coins.values().stream().allMatch(v -> v >= 0);
    }

    @Override
    public synchronized long of(NodeId node) {
        return credit.getOrDefault(node, 0L);
    }

    @Override
    public synchronized void add(NodeId node, long delta) {
        credit.merge(node, delta, Long::sum);
    }
}
