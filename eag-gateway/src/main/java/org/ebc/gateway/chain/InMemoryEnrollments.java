package org.ebc.gateway.chain;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * The in-memory twin of the registration data: nodes, their home EAG and their wallet addresses, as the
 * authority's registrations and wallet bindings state them. Immutable; {@link #with} returns a new one.
 */
public final class InMemoryEnrollments implements Enrollments {
    public static final InMemoryEnrollments EMPTY = new InMemoryEnrollments(Map.of(), Map.of(), Set.of());

    private final Map<WalletAddress, EagId> homes;
    private final Map<WalletAddress, NodeId> nodes;
    private final Set<NodeId> registered;

    private InMemoryEnrollments(
            Map<WalletAddress, EagId> homes, Map<WalletAddress, NodeId> nodes, Set<NodeId> registered) {
        this.homes = homes;
        this.nodes = nodes;
        this.registered = registered;
    }

    /** These registrations plus {@code node}, enrolled at {@code home}, with its wallet {@code addresses}. */
    public InMemoryEnrollments with(NodeId node, EagId home, Collection<WalletAddress> addresses) {
        Map<WalletAddress, EagId> h = new HashMap<>(homes);
        Map<WalletAddress, NodeId> n = new HashMap<>(nodes);
        Set<NodeId> r = new HashSet<>(registered);
        for (WalletAddress a : addresses) {
            NodeId owner = n.get(a);
            if (owner != null && !owner.equals(node)) {
                throw new IllegalArgumentException(a + " is already bound to " + owner);
            }
            h.put(a, home);
            n.put(a, node);
        }
        r.add(node);
        return new InMemoryEnrollments(Map.copyOf(h), Map.copyOf(n), Set.copyOf(r));
    }

    @Override
    public Optional<EagId> homeEag(WalletAddress address) {
        return Optional.ofNullable(homes.get(address));
    }

    @Override
    public Optional<NodeId> node(WalletAddress address) {
        return Optional.ofNullable(nodes.get(address));
    }

    @Override
    public boolean isRegistered(NodeId node) {
        return registered.contains(node);
    }
}
