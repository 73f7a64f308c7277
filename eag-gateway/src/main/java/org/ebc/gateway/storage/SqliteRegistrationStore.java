package org.ebc.gateway.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.ebc.gateway.ledger.RegistrationStore;

/**
 * {@link RegistrationStore} in the gateway's SQLite file ({@code consortium_registrations}, one row): the newest
 * registrations replace the row in one transaction ({@code synchronous=FULL}), before the EAG validates with them.
 * Opens a connection per call: registrations change a few times a day.
 */
public final class SqliteRegistrationStore implements RegistrationStore {
    private final Path database;

    public SqliteRegistrationStore(Path database) {
        this.database = database;
    }

    @Override
    public Optional<byte[]> newest() {
        try (Connection c = GatewayDatabase.openMigrated(database)) {
            return newest(c);
        } catch (SQLException e) {
            throw new StorageException("cannot read the registrations in " + database, e);
        }
    }

    /** The newest registrations kept in the database of {@code c} (a reader will do; none before schema 6). */
    public static Optional<byte[]> newest(Connection c) throws SQLException {
        try (PreparedStatement t = c.prepareStatement(
                        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'consortium_registrations'");
                ResultSet exists = t.executeQuery()) {
            if (!exists.next()) {
                return Optional.empty();
            }
        }
        try (PreparedStatement s =
                        c.prepareStatement("SELECT document FROM consortium_registrations ORDER BY seq DESC LIMIT 1");
                ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
        }
    }

    /**
     * The chain's enrollments as the gateway of {@code c} validates with them: the kept registrations (verified under
     * {@code root}) first, then its own account pool, at home at {@code home}. For tools that re-check the chain.
     */
    public static org.ebc.gateway.chain.Enrollments enrollments(
            Connection c, org.ebc.units.EagId home, java.security.cert.X509Certificate root) throws SQLException {
        Optional<byte[]> kept = newest(c);
        RegistrationStore readOnly = new RegistrationStore() {
            @Override
            public Optional<byte[]> newest() {
                return kept;
            }

            @Override
            public void keep(long seq, byte[] document, long receivedAtMillis) {
                throw new UnsupportedOperationException("read-only");
            }
        };
        return new org.ebc.gateway.ledger.RegistrationFeed(
                root, readOnly, LocalEnrollments.read(c, home), java.time.Clock.systemUTC());
    }

    @Override
    public void keep(long seq, byte[] document, long receivedAtMillis) {
        try (Connection c = GatewayDatabase.openWriter(database)) {
            c.setAutoCommit(false);
            try (PreparedStatement d = c.prepareStatement("DELETE FROM consortium_registrations");
                    PreparedStatement i = c.prepareStatement(
                            "INSERT INTO consortium_registrations (seq, document, received_at) VALUES (?, ?, ?)")) {
                d.executeUpdate();
                i.setLong(1, seq);
                i.setBytes(2, document);
                i.setLong(3, receivedAtMillis);
                i.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot keep registrations revision " + seq + " in " + database, e);
        }
    }
}
