package org.ebc.gateway.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.ebc.gateway.chain.Enrollments;
import org.ebc.gateway.chain.InMemoryEnrollments;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.tinylog.Logger;

/**
 * {@link LocalEnrollments} that follows the account pool as nodes bind while the gateway runs: an address or node
 * it does not know makes it read the pool again (at most every {@code refreshMillis}), so a block carrying a node
 * bound a moment ago validates. Thread-safe.
 */
public final class RefreshingEnrollments implements Enrollments {
    private final Path database;
    private final EagId home;
    private final long refreshMillis;
    private volatile InMemoryEnrollments snapshot = InMemoryEnrollments.EMPTY;
    private volatile long readAt;

    public RefreshingEnrollments(Path database, EagId home, long refreshMillis) {
        this.database = database;
        this.home = home;
        this.refreshMillis = refreshMillis;
        reload();
    }

    private synchronized void reload() {
        long now = System.currentTimeMillis();
        if (now - readAt < refreshMillis && readAt != 0) {
            return;
        }
        readAt = now;
        try (Connection c = GatewayDatabase.openReader(database)) {
            snapshot = LocalEnrollments.read(c, home);
        } catch (SQLException e) {
            Logger.warn("ledger: cannot read the account pool's enrollments: {}", e.getMessage());
        }
    }

    @Override
    public Optional<EagId> homeEag(WalletAddress address) {
        Optional<EagId> h = snapshot.homeEag(address);
        if (h.isEmpty()) {
            reload();
            h = snapshot.homeEag(address);
        }
        return h;
    }

    @Override
    public Optional<NodeId> node(WalletAddress address) {
        Optional<NodeId> n = snapshot.node(address);
        if (n.isEmpty()) {
            reload();
            n = snapshot.node(address);
        }
        return n;
    }

    @Override
    public boolean isRegistered(NodeId node) {
        if (!snapshot.isRegistered(node)) {
            reload();
        }
        return snapshot.isRegistered(node);
    }
}
