package org.ebc.gateway.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebc.gateway.chain.InMemoryEnrollments;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * The chain's {@link org.ebc.gateway.chain.Enrollments} as far as this gateway's own account pool knows them:
 * every node bound here ({@code nodes}, {@code wallets}) is at home at this EAG. Nodes enrolled at other EAGs
 * are known only once the authority's registrations are gossiped over the consortium (issue 8, not built yet),
 * so until then a block carrying another EAG's node's transaction does not validate here.
 */
public final class LocalEnrollments {
    private LocalEnrollments() {}

    public static InMemoryEnrollments read(Connection c, EagId home) throws SQLException {
        Map<NodeId, List<WalletAddress>> byNode = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                        "SELECT n.node_id, w.address FROM nodes n LEFT JOIN wallets w ON w.node_id = n.node_id"
                                + " ORDER BY n.node_id, w.address");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                List<WalletAddress> list = byNode.computeIfAbsent(NodeId.of(r.getString(1)), n -> new ArrayList<>());
                String address = r.getString(2);
                if (address != null) {
                    WalletAddress.tryParse(address).ifPresent(list::add);
                }
            }
        }
        InMemoryEnrollments e = InMemoryEnrollments.EMPTY;
        for (Map.Entry<NodeId, List<WalletAddress>> n : byNode.entrySet()) {
            e = e.with(n.getKey(), home, n.getValue());
        }
        return e;
    }
}
