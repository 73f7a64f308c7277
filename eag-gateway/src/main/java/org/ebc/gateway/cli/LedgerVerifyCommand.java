package org.ebc.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ebc.config.ConfigException;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.Pem;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.chain.InMemoryEnrollments;
import org.ebc.gateway.ledger.LedgerCheck;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.GenesisReason;
import org.ebc.ledger.Outcome;
import org.ebc.units.EagId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eag-gateway ledger verify}: {@link LedgerCheck} over the database's ledger tables. Exit 0 when every row
 * holds, 1 naming the first one that does not, 2 when it cannot run (no database, unreadable genesis or root).
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Re-check the stored chain from the genesis: each block row's bytes and every column derived from them, its "
                    + "commit certificate (a quorum of genesis-EAG signatures), its transaction rows, and the block "
                    + "validator's rules on top of the blocks before it (proof of work, Merkle root, difficulty, timestamps, "
                    + "every signature, balances, nonces, coinbase, home EAGs).",
            "Exit 0 if everything holds, 1 naming the first row that does not, 2 if it cannot run. Reads the database "
                    + "read-only while the gateway runs."
        })
public final class LedgerVerifyCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    DatabaseLocation location;

    @Option(
            names = "--genesis",
            paramLabel = "FILE",
            required = true,
            description = "the consortium's genesis file, as `authority genesis` wrote it")
    Path genesisFile;

    @Option(
            names = "--ca",
            paramLabel = "FILE",
            required = true,
            description = "the authority's root certificate (ca.crt) that signed the genesis")
    Path caFile;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "threads for the signature checks (default: all cores)")
    Integer threads;

    @Override
    public Integer call() {
        Genesis genesis;
        X509Certificate root;
        try {
            root = Pem.readCertificate(caFile);
            Outcome<GenesisReason, Genesis> g = Genesis.verify(Files.readAllBytes(genesisFile), root);
            if (!g.isOk()) {
                System.err.println("eag-gateway ledger verify: --genesis " + genesisFile + " does not verify under "
                        + caFile + ": " + g.reason() + " (" + g.detail() + ")");
                return 2;
            }
            genesis = g.orElseThrow();
        } catch (IOException | KeyFileException e) {
            System.err.println("eag-gateway ledger verify: " + e.getMessage());
            return 2;
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            System.err.println("eag-gateway ledger verify: --threads must be at least 1, not " + n);
            return 2;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, n - 1), r -> {
            Thread t = new Thread(r, "ebc-ledger-verify");
            t.setDaemon(true);
            return t;
        });
        try (Connection c = GatewayDatabase.openReader(location.databaseFile())) {
            SqliteLedgerStore.Rows rows = SqliteLedgerStore.readRows(c);
            if (rows.genesis() != null && !rows.genesis().equals(genesis.hash().hex())) {
                System.err.println("eag-gateway ledger verify: the database holds the ledger of genesis "
                        + rows.genesis() + ", not of " + genesisFile + " ("
                        + genesis.hash().hex() + ")");
                return 2;
            }
            // The registrations the gateway kept, then its own nodes: what it validated the chain with.
            org.ebc.gateway.chain.Enrollments enrollments = rows.eag() == null
                    ? InMemoryEnrollments.EMPTY
                    : org.ebc.gateway.storage.SqliteRegistrationStore.enrollments(c, EagId.of(rows.eag()), root);
            BlockValidator validator = new BlockValidator(genesis, pool, n, BlockValidator.chainRules(genesis));
            LedgerCheck.Report report = LedgerCheck.check(
                    genesis, enrollments, rows.blocks(), rows.transactions(), validator, Clock.systemUTC());
            if (!report.ok()) {
                System.out.println("ledger verify: FAILED after " + report.blocks() + " block(s) that hold");
                System.out.println("first row that does not hold: " + report.finding());
                return 1;
            }
            System.out.println("ledger verify: ok: " + report.blocks() + " block(s), " + report.transactions()
                    + " transaction(s), every certificate, signature and balance holds from genesis "
                    + genesis.hash().hex());
            System.out.println("tip: height " + report.state().height() + " "
                    + report.state().tipHash().hex() + ", coins in circulation "
                    + report.state().supply());
            return 0;
        } catch (ConfigException | SQLException e) {
            System.err.println("eag-gateway ledger verify: " + e.getMessage());
            return 2;
        } finally {
            pool.shutdownNow();
        }
    }
}
