package org.ebc.gateway.trading;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;

/**
 * The payments as stored, for the operator's commands ({@code bills}, {@code wallet balance}): read-only, on a
 * connection of the caller's, while the gateway runs.
 */
public final class PaymentArchive {
    /** One bill and where its payment stands. */
    public record BillLine(
            String id,
            Instant slot,
            String kind,
            String payer,
            String payee,
            Energy energy,
            Price price,
            CoinAmount amount,
            String status,
            Optional<Instant> paidAt) {}

    /** One address: its balance, what pending transfers reserve, and its next nonce. */
    public record AccountLine(
            String address, Optional<NodeId> node, CoinAmount balance, CoinAmount reserved, long nextNonce) {
        public CoinAmount available() {
            return balance.minus(reserved);
        }
    }

    private final Connection c;

    public PaymentArchive(Connection c) {
        this.c = c;
    }

    /**
     * Bills, newest slot first; {@code node} limits them to those the node pays or is paid (by its addresses),
     * {@code status} to one status ({@code open}, {@code pending}, {@code paid}).
     */
    public List<BillLine> bills(Optional<NodeId> node, Optional<String> status, int limit) throws SQLException {
        StringBuilder sql =
                new StringBuilder("SELECT id, slot_ms, kind, payer, payee, wh, price, amount, status, paid_ms "
                        + "FROM payment_bills WHERE 1 = 1");
        if (node.isPresent()) {
            sql.append(" AND (payer IN (SELECT address FROM wallets WHERE node_id = ?) "
                    + "OR payee IN (SELECT address FROM wallets WHERE node_id = ?))");
        }
        if (status.isPresent()) {
            sql.append(" AND status = ?");
        }
        sql.append(" ORDER BY slot_ms DESC, seq DESC LIMIT ?");
        List<BillLine> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (node.isPresent()) {
                p.setString(i++, node.get().value());
                p.setString(i++, node.get().value());
            }
            if (status.isPresent()) {
                p.setString(i++, status.get());
            }
            p.setInt(i, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long paid = r.getLong(10);
                    Optional<Instant> paidAt = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(paid));
                    out.add(new BillLine(
                            r.getString(1),
                            Instant.ofEpochMilli(r.getLong(2)),
                            r.getString(3),
                            r.getString(4),
                            r.getString(5),
                            Energy.ofWh(r.getLong(6)),
                            Price.ofMinorUnitsPerKWh(r.getLong(7)),
                            CoinAmount.ofMinorUnits(r.getLong(8)),
                            r.getString(9),
                            paidAt));
                }
            }
        }
        return out;
    }

    /** The state of an address, if the payments know it. */
    public Optional<AccountLine> account(String address) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT a.address, w.node_id, a.balance, a.reserved, a.next_nonce "
                        + "FROM payment_accounts a LEFT JOIN wallets w ON w.address = a.address WHERE a.address = ?")) {
            p.setString(1, address);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String node = r.getString(2);
                return Optional.of(new AccountLine(
                        r.getString(1),
                        Optional.ofNullable(node).map(NodeId::of),
                        CoinAmount.ofMinorUnits(r.getLong(3)),
                        CoinAmount.ofMinorUnits(r.getLong(4)),
                        r.getLong(5)));
            }
        }
    }
}
