package org.ebc.gateway.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tinylog.Logger;

/**
 * Versioned schema migrations for the gateway database: numbered SQL scripts on the class path
 * ({@code /db/migration/V<n>__<description>.sql}), each applied once, in order, in its own transaction,
 * and recorded in {@code schema_version} with a SHA-256 of its text. See {@code docs/gateway.md}
 * for why this is not a migration library.
 *
 * <p>It refuses to run when the database has a version this gateway does not know (a newer gateway
 * wrote it) or when an applied script's text has changed since (a migration is history, it is never
 * edited; add a new one instead). Not thread-safe; call it once at start, before anything else uses the
 * connection.
 */
public final class SchemaMigrator {

    /**
     * One migration script.
     *
     * @param rebuildsTables the script rebuilds a table others reference (SQLite's way to change a constraint): it
     *     runs with foreign keys off, and every foreign key is checked before it commits
     */
    public record Migration(int version, String description, String resource, boolean rebuildsTables) {
        public Migration {
            if (version < 1) {
                throw new IllegalArgumentException("migration versions start at 1");
            }
        }

        public Migration(int version, String description, String resource) {
            this(version, description, resource, false);
        }
    }

    /** The gateway's migrations, oldest first. Append only. */
    public static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "initial schema", "/db/migration/V1__initial_schema.sql"),
            new Migration(2, "evidence, node flags and the market", "/db/migration/V2__market.sql"),
            new Migration(3, "payments", "/db/migration/V3__payments.sql"),
            new Migration(4, "ledger and consensus journal", "/db/migration/V4__ledger.sql"),
            new Migration(5, "credit bank", "/db/migration/V5__credit.sql"),
            new Migration(6, "the authority's registrations", "/db/migration/V6__registrations.sql"),
            new Migration(7, "bills covered by a loan, and loan bills", "/db/migration/V7__bill_cover.sql", true));

    private final List<Migration> migrations;

    public SchemaMigrator() {
        this(MIGRATIONS);
    }

    public SchemaMigrator(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, 3 … without holes; #" + (i + 1)
                        + " is " + migrations.get(i).version());
            }
        }
        this.migrations = List.copyOf(migrations);
    }

    /** The newest version this migrator knows. */
    public int latestVersion() {
        return migrations.size();
    }

    /**
     * Applies every migration the database lacks.
     *
     * @return the versions applied now (empty when the schema was already current)
     * @throws SchemaException if the database is newer than this gateway or an applied script changed
     */
    public List<Integer> migrate(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            s.executeUpdate(
                    "CREATE TABLE IF NOT EXISTS schema_version ("
                            + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, checksum TEXT NOT NULL, applied_ms INTEGER NOT NULL) STRICT");
        }
        List<Integer> applied = new ArrayList<>();
        try {
            c.setAutoCommit(false);
            Map<Integer, String> existing = appliedChecksums(c);
            c.commit();
            for (Map.Entry<Integer, String> e : existing.entrySet()) {
                if (e.getKey() > migrations.size()) {
                    throw new SchemaException("the database has schema version " + e.getKey()
                            + " but this gateway knows versions up to " + migrations.size()
                            + "; it was written by a newer gateway: run that version, or restore a backup");
                }
                Migration m = migrations.get(e.getKey() - 1);
                String sum = checksum(script(m));
                if (!sum.equals(e.getValue())) {
                    throw new SchemaException("migration V" + m.version() + " (" + m.description()
                            + ") was changed after it was applied " + "to this database (checksum " + e.getValue()
                            + ", now " + sum + "); migrations must never be edited");
                }
            }
            for (Migration m : migrations) {
                if (!existing.containsKey(m.version())) {
                    apply(c, m);
                    applied.add(m.version());
                }
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return applied;
    }

    /** The current schema version of the database (0 for an empty one). */
    public static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
            if (!r.next()) {
                return 0;
            }
        }
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static Map<Integer, String> appliedChecksums(Connection c) throws SQLException {
        Map<Integer, String> out = new TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT version, checksum FROM schema_version")) {
            while (r.next()) {
                out.put(r.getInt(1), r.getString(2));
            }
        }
        return out;
    }

    private static void apply(Connection c, Migration m) throws SQLException {
        if (m.rebuildsTables()) {
            // PRAGMA foreign_keys is a no-op inside a transaction: end the open one, switch, and begin again.
            c.commit();
            foreignKeys(c, false);
            try {
                applyScript(c, m);
                try (Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("PRAGMA foreign_key_check")) {
                    if (r.next()) {
                        throw new SchemaException("migration V" + m.version() + " would leave a row of "
                                + r.getString(1) + " referring to a missing row of " + r.getString(3));
                    }
                }
                record(c, m);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                foreignKeys(c, true);
            }
        } else {
            applyScript(c, m);
            record(c, m);
        }
        Logger.info("database schema migrated to V{} ({})", m.version(), m.description());
    }

    /** Sets {@code PRAGMA foreign_keys} outside any transaction, leaving the connection as it found it. */
    private static void foreignKeys(Connection c, boolean on) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = " + (on ? "ON" : "OFF"));
        } finally {
            c.setAutoCommit(false);
        }
    }

    private static void applyScript(Connection c, Migration m) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements(script(m))) {
                s.executeUpdate(statement);
            }
        }
    }

    private static void record(Connection c, Migration m) throws SQLException {
        String text = script(m);
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO schema_version (version, description, checksum, applied_ms) VALUES (?, ?, ?, ?)")) {
            p.setInt(1, m.version());
            p.setString(2, m.description());
            p.setString(3, checksum(text));
            p.setLong(4, System.currentTimeMillis());
            p.executeUpdate();
        }
        c.commit();
    }

    private static String script(Migration m) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(m.resource())) {
            if (in == null) {
                throw new SchemaException("migration script " + m.resource() + " is missing from the gateway's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SchemaException("cannot read migration script " + m.resource() + ": " + e.getMessage());
        }
    }

    /**
     * Splits a script into statements at semicolons outside quotes, dropping {@code --} comments. Scripts
     * hold plain DDL and DML; no triggers (whose bodies contain semicolons).
     */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < script.length(); i++) {
            char ch = script.charAt(i);
            if (!quoted && ch == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
                continue;
            }
            if (ch == '\'') {
                quoted = !quoted;
            }
            if (ch == ';' && !quoted) {
                addIfNotBlank(out, current);
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        addIfNotBlank(out, current);
        return out;
    }

    private static void addIfNotBlank(List<String> out, StringBuilder statement) {
        String s = statement.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
    }

    static String checksum(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The database's schema cannot be used by this gateway; the message says what to do. */
    public static final class SchemaException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SchemaException(String message) {
            super(message);
        }
    }
}
