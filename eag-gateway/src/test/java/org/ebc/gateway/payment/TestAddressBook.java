package org.ebc.gateway.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/** The account pool's address map, in memory, binding in the order the test asks. Thread-safe. */
final class TestAddressBook implements AddressBook {
    private final Map<WalletAddress, NodeId> owners = new ConcurrentHashMap<>();

    void bind(WalletAddress a, NodeId node) {
        if (owners.putIfAbsent(a, node) != null) {
            throw new IllegalArgumentException(a + " is bound already");
        }
    }

    @Override
    public Optional<NodeId> ownerOf(WalletAddress address) {
        return Optional.ofNullable(owners.get(address));
    }

    @Override
    public List<WalletAddress> walletsOf(NodeId node) {
        List<WalletAddress> out = new ArrayList<>();
        owners.forEach((a, n) -> {
            if (n.equals(node)) {
                out.add(a);
            }
        });
        return out;
    }
}
