package org.ebc.gateway.account;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.units.CoinAmount;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * The account pool in the gateway's SQLite database (tables {@code nodes}, {@code wallets},
 * {@code balances}; schema V1). Uses its own connection, apart from the reading writer's, because
 * certificates and payments change at other times and from other threads than readings arrive.
 *
 * <p>Thread-safe: every method holds the pool's lock, and each write is one transaction (autocommit,
 * fsync'd with {@code synchronous=FULL}). A database error is an {@link AccountPoolException}: it is an
 * operational fault (disk full, file gone), not a rejection of input.
 */
public final class SqliteAccountPool implements AccountPool, AutoCloseable {
    private static final String NODE_COLUMNS =
            "node_id, true_identity, meter_serial, certificate_pem, key_id, bound_at_ms, source";

    private final Connection connection;
    private final Clock clock;

    /** @param connection a migrated connection (see {@code GatewayDatabase.openMigrated}); the pool owns it */
    public SqliteAccountPool(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    @Override
    public synchronized void bindNode(NodeRecord n) {
        nodeOfMeter(n.meter()).filter(other -> !other.node().equals(n.node())).ifPresent(other -> {
            throw new IllegalArgumentException("meter " + n.meter() + " is already bound to node " + other.node());
        });
        String sql =
                "INSERT INTO nodes (node_id, true_identity, meter_serial, certificate_pem, certificate_serial, key_id, not_before_ms, "
                        + "not_after_ms, bound_at_ms, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        // An update, never a delete and insert: readings and wallets refer to the node.
                        + "ON CONFLICT (node_id) DO UPDATE SET true_identity = excluded.true_identity, meter_serial = excluded.meter_serial, "
                        + "certificate_pem = excluded.certificate_pem, certificate_serial = excluded.certificate_serial, key_id = excluded.key_id, "
                        + "not_before_ms = excluded.not_before_ms, not_after_ms = excluded.not_after_ms, bound_at_ms = excluded.bound_at_ms, "
                        + "source = excluded.source";
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, n.node().value());
            p.setString(2, n.trueIdentity());
            p.setString(3, n.meter().value());
            p.setString(4, Pem.encode(n.certificate()));
            p.setString(5, n.certificateSerial().toString(16));
            p.setString(6, n.keyId().hex());
            p.setLong(7, n.notBefore().toEpochMilli());
            p.setLong(8, n.notAfter().toEpochMilli());
            p.setLong(9, n.boundAt().toEpochMilli());
            p.setString(10, n.source());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new AccountPoolException("cannot bind node " + n.node() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<NodeRecord> node(NodeId node) {
        List<NodeRecord> found = queryNodes("SELECT " + NODE_COLUMNS + " FROM nodes WHERE node_id = ?", node.value());
        return found.stream().findFirst();
    }

    @Override
    public synchronized Optional<NodeRecord> nodeOfMeter(MeterSerial meter) {
        return queryNodes("SELECT " + NODE_COLUMNS + " FROM nodes WHERE meter_serial = ?", meter.value()).stream()
                .findFirst();
    }

    @Override
    public synchronized List<NodeRecord> nodes() {
        return queryNodes("SELECT " + NODE_COLUMNS + " FROM nodes ORDER BY node_id", null);
    }

    private List<NodeRecord> queryNodes(String sql, String arg) {
        List<NodeRecord> out = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            if (arg != null) {
                p.setString(1, arg);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(readNode(r));
                }
            }
        } catch (SQLException e) {
            throw new AccountPoolException("cannot read nodes: " + e.getMessage(), e);
        }
        return out;
    }

    private static NodeRecord readNode(ResultSet r) throws SQLException {
        String node = r.getString(1);
        List<X509Certificate> chain = Pem.parseCertificates(r.getString(4))
                .orElseThrow(() -> new SQLException("stored certificate of node " + node + " is not readable PEM"));
        return new NodeRecord(
                NodeId.of(node),
                r.getString(2),
                MeterSerial.of(r.getString(3)),
                chain.get(0),
                new KeyId(r.getString(5)),
                Instant.ofEpochMilli(r.getLong(6)),
                r.getString(7));
    }

    @Override
    public synchronized WalletBindResult bindWallet(WalletAddress address, NodeId node) {
        try {
            if (node(node).isEmpty()) {
                return WalletBindResult.UNKNOWN_NODE;
            }
            Optional<NodeId> owner = ownerOf(address);
            if (owner.isPresent()) {
                return owner.get().equals(node) ? WalletBindResult.ALREADY_BOUND : WalletBindResult.BOUND_TO_OTHER_NODE;
            }
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO wallets (address, node_id, bound_at_ms) VALUES (?, ?, ?)")) {
                p.setString(1, address.toString());
                p.setString(2, node.value());
                p.setLong(3, clock.millis());
                p.executeUpdate();
            }
            return WalletBindResult.BOUND;
        } catch (SQLException e) {
            throw new AccountPoolException("cannot bind wallet " + address + " to " + node + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<NodeId> ownerOf(WalletAddress address) {
        try (PreparedStatement p = connection.prepareStatement("SELECT node_id FROM wallets WHERE address = ?")) {
            p.setString(1, address.toString());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(NodeId.of(r.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new AccountPoolException("cannot read wallet " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<WalletAddress> walletsOf(NodeId node) {
        List<WalletAddress> out = new ArrayList<>();
        try (PreparedStatement p =
                connection.prepareStatement("SELECT address FROM wallets WHERE node_id = ? ORDER BY address")) {
            p.setString(1, node.value());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String text = r.getString(1);
                    out.add(WalletAddress.tryParse(text)
                            .orElseThrow(() -> new SQLException("stored wallet address " + text + " is not valid")));
                }
            }
        } catch (SQLException e) {
            throw new AccountPoolException("cannot read wallets of " + node + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public synchronized CoinAmount balance(WalletAddress address) {
        try (PreparedStatement p = connection.prepareStatement("SELECT minor_units FROM balances WHERE address = ?")) {
            p.setString(1, address.toString());
            try (ResultSet r = p.executeQuery()) {
                return CoinAmount.ofMinorUnits(r.next() ? r.getLong(1) : 0);
            }
        } catch (SQLException e) {
            throw new AccountPoolException("cannot read balance of " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void credit(WalletAddress address, CoinAmount amount) {
        requireUsable(address, amount);
        String sql = "INSERT INTO balances (address, minor_units) VALUES (?, ?) "
                + "ON CONFLICT (address) DO UPDATE SET minor_units = minor_units + excluded.minor_units";
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, address.toString());
            p.setLong(2, amount.minorUnits());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new AccountPoolException("cannot credit " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean debit(WalletAddress address, CoinAmount amount) {
        requireUsable(address, amount);
        // One statement: the balance check and the subtraction cannot be separated by another writer.
        try (PreparedStatement p = connection.prepareStatement(
                "UPDATE balances SET minor_units = minor_units - ? WHERE address = ? AND minor_units >= ?")) {
            p.setLong(1, amount.minorUnits());
            p.setString(2, address.toString());
            p.setLong(3, amount.minorUnits());
            return p.executeUpdate() == 1 || amount.minorUnits() == 0;
        } catch (SQLException e) {
            throw new AccountPoolException("cannot debit " + address + ": " + e.getMessage(), e);
        }
    }

    private void requireUsable(WalletAddress address, CoinAmount amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        if (ownerOf(address).isEmpty()) {
            throw new IllegalArgumentException("address " + address + " is not bound to any node");
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new AccountPoolException("cannot close the account pool's database connection: " + e.getMessage(), e);
        }
    }

    /** The account pool's database failed (an operational fault, not a refusal of input). */
    public static final class AccountPoolException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AccountPoolException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
