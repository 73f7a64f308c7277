package org.ebc.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ebc.crypto.Pem;
import org.ebc.gateway.cli.StdoutCli;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.testing.TestConsortium;
import org.ebc.units.EagId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eag-gateway ledger verify} on a real gateway database: a clean chain passes; a change of one byte in
 * any column of any committed row, made with the {@code sqlite3} command-line tool as an intruder would, is
 * caught and named.
 */
class LedgerVerifyCommandTest {
    @TempDir
    Path tmp;

    CertifiedChain chain;
    Path clean;
    Path genesis;
    Path ca;

    @BeforeEach
    void storeAChain() throws Exception {
        chain = CertifiedChain.standard();
        clean = tmp.resolve("clean");
        try (Connection c = GatewayDatabase.openMigrated(GatewayDatabase.file(clean))) {
            for (TestConsortium.Node n : List.of(chain.c.node(1), chain.c.node(5))) {
                bind(c, n);
            }
        }
        try (SqliteLedgerStore store = new SqliteLedgerStore(
                GatewayDatabase.openMigrated(GatewayDatabase.file(clean)), chain.c.genesis(), EagId.of("eag-1"))) {
            for (int i = 0; i < chain.blocks.size(); i++) {
                store.append(chain.blocks.get(i), chain.facts.get(i));
            }
        }
        genesis = tmp.resolve("genesis.json");
        Files.write(genesis, chain.c.genesisBytes());
        ca = tmp.resolve("ca.crt");
        Pem.writePublic(ca, chain.c.authority().root());
    }

    /** The account pool's binding of a node and its wallet here (what enrollment writes; certificate fields are not read). */
    private static void bind(Connection c, TestConsortium.Node n) throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO nodes (node_id, meter_serial, certificate_pem, certificate_serial, key_id, not_before_ms,"
                        + " not_after_ms, bound_at_ms, source) VALUES (?, ?, 'pem', '1', 'kid', 0, 1, 0, 'test')")) {
            s.setString(1, n.id().value());
            s.setString(2, "serial-" + n.id().value());
            s.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO wallets (address, node_id, bound_at_ms) VALUES (?, ?, 0)")) {
            s.setString(1, n.address().toString());
            s.setString(2, n.id().value());
            s.executeUpdate();
        }
    }

    private StdoutCli.Run verify(Path data) {
        return StdoutCli.run(
                "ledger", "verify", "--data", data.toString(), "--genesis", genesis.toString(), "--ca", ca.toString());
    }

    @Test
    void aCleanChainVerifiesWithItsBlocksTransactionsAndSupply() {
        StdoutCli.Run r = verify(clean);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("ledger verify: ok: 4 block(s), 5 transaction(s)")
                .contains("tip: height 4 " + chain.blocks.get(3).hash().hex())
                .contains("coins in circulation " + chain.state.supply());
    }

    @Test
    void aGenesisTheDatabaseDoesNotBelongToIsRefusedWithBothHashes() throws Exception {
        TestConsortium other = TestConsortium.create(4, 8);
        Files.write(genesis, other.genesisBytes());
        Pem.writePublic(ca, other.authority().root());
        StdoutCli.Run r = verify(clean);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("holds the ledger of genesis "
                        + chain.c.genesis().hash().hex());
    }

    /** One byte changed in one column of one row. */
    record Mutation(String table, String key, String column, String sql) {}

    @Test
    void aChangedByteInAnyColumnOfAnyCommittedRowIsNamed() throws Exception {
        List<Mutation> mutations = new ArrayList<>();
        Random random = new Random(20261207);
        try (Connection c = GatewayDatabase.openReader(GatewayDatabase.file(clean))) {
            mutations.addAll(mutations(
                    c,
                    "ledger_blocks",
                    "height",
                    List.of(
                            "height",
                            "hash",
                            "previous",
                            "miner",
                            "timestamp_ms",
                            "tx_count",
                            "round",
                            "block",
                            "certificate"),
                    random));
            mutations.addAll(
                    mutations(c, "ledger_transactions", "id", List.of("id", "height", "position", "tx"), random));
            // And 40 more single-byte changes anywhere in the bytes of block 3 (header, signature, coinbase,
            // transactions).
            byte[] block3 = blob(c, "SELECT block FROM ledger_blocks WHERE height = 3");
            for (int i = 0; i < 40; i++) {
                byte[] b = block3.clone();
                int at = random.nextInt(b.length);
                b[at] ^= (byte) (1 + random.nextInt(255));
                mutations.add(new Mutation(
                        "ledger_blocks",
                        "height=3",
                        "block byte " + at,
                        "UPDATE ledger_blocks SET block = X'" + HexFormat.of().formatHex(b) + "' WHERE height = 3"));
            }
        }
        assertThat(mutations).hasSizeGreaterThan(4 * 9 + 5 * 4);
        int n = 0;
        for (Mutation m : mutations) {
            Path copy = tmp.resolve("m" + n++);
            Files.createDirectories(copy);
            Files.copy(GatewayDatabase.file(clean), GatewayDatabase.file(copy));
            sqlite3(GatewayDatabase.file(copy), m.sql());
            StdoutCli.Run r = verify(copy);
            assertThat(r.exit())
                    .as("%s %s %s: %s", m.table(), m.key(), m.column(), r)
                    .isEqualTo(1);
            assertThat(r.out())
                    .as("%s %s %s", m.table(), m.key(), m.column())
                    .contains("first row that does not hold: " + m.table());
        }
    }

    private static List<Mutation> mutations(Connection c, String table, String key, List<String> columns, Random random)
            throws Exception {
        List<Mutation> out = new ArrayList<>();
        try (PreparedStatement s =
                        c.prepareStatement("SELECT " + key + ", " + String.join(", ", columns) + " FROM " + table);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String k = r.getString(1);
                String where = " WHERE " + key + " = " + (key.equals("id") ? "'" + k + "'" : k);
                for (int i = 0; i < columns.size(); i++) {
                    String col = columns.get(i);
                    Object v = r.getObject(i + 2);
                    String set;
                    if (v instanceof byte[] b) {
                        byte[] changed = b.clone();
                        int at = random.nextInt(changed.length);
                        changed[at] ^= (byte) (1 + random.nextInt(255));
                        set = "X'" + HexFormat.of().formatHex(changed) + "'";
                    } else if (v instanceof Number num) {
                        // A bit of the second byte: no collision with another row's height or position.
                        set = Long.toString(num.longValue() ^ (0x100L << random.nextInt(8)));
                    } else {
                        String text = (String) v;
                        int at = random.nextInt(text.length());
                        char ch = text.charAt(at);
                        char other = Character.isDigit(ch)
                                ? (ch == '9' ? '0' : (char) (ch + 1))
                                : (ch == 'f' ? 'a' : (char) (ch == 'z' ? 'y' : ch + 1));
                        set = "'" + text.substring(0, at) + other + text.substring(at + 1) + "'";
                    }
                    out.add(new Mutation(
                            table, key + "=" + k, col, "UPDATE " + table + " SET " + col + " = " + set + where));
                }
            }
        }
        return out;
    }

    private static byte[] blob(Connection c, String sql) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getBytes(1);
        }
    }

    /** Runs the sqlite3 command-line tool (DESIGN: the tampering is done as an operator or intruder would). */
    private static void sqlite3(Path db, String sql) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("sqlite3", db.toString(), sql)
                    .redirectErrorStream(true)
                    .start();
        } catch (java.io.IOException e) {
            fail("this test needs the sqlite3 command-line tool (Debian: apt-get install sqlite3): " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("sqlite3 failed on " + sql + ": " + out);
        }
    }
}
