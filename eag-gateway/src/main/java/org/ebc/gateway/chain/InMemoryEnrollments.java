package org.ebc.gateway.chain;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * The in-memory twin of the registration data: nodes, their home EAG and their wallet addresses, as the
 * authority's registrations and wallet bindings state them. Immutable; {@link #with} returns a new one.
 */
public final class InMemoryEnrollments implements Enrollments {
    public static final InMemoryEnrollments EMPTY = new InMemoryEnrollments(Map.of(), Map.of(), Set.of(), Map.of());

    private final Map<WalletAddress, EagId> homes;
    private final Map<WalletAddress, NodeId> nodes;
    private final Set<NodeId> registered;
    private final Map<NodeId, Long> revoked;

    private InMemoryEnrollments(
            Map<WalletAddress, EagId> homes,
            Map<WalletAddress, NodeId> nodes,
            Set<NodeId> registered,
            Map<NodeId, Long> revoked) {
        this.homes = homes;
        this.nodes = nodes;
        this.registered = registered;
        this.revoked = revoked;
    }

    /** These registrations with {@code node} revoked at {@code atMillis} (it stays registered; see {@link #revokedAt}). */
    public InMemoryEnrollments revoked(NodeId node, long atMillis) {
        Map<NodeId, Long> r = new HashMap<>(revoked);
        r.put(node, atMillis);
        return new InMemoryEnrollments(homes, nodes, registered, Map.copyOf(r));
    }

    @Override
    public OptionalLong revokedAt(NodeId node) {
        Long at = revoked.get(node);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
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
        return new InMemoryEnrollments(Map.copyOf(h), Map.copyOf(n), Set.copyOf(r), revoked);
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
