package org.ebc.gateway.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.ebc.gateway.Gateway;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.cli.GatewayCli;
import org.ebc.gateway.ledger.GatewayLedger;
import org.ebc.gateway.ledger.LedgerCheck;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.LocalEnrollments;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.ledger.Genesis;

/**
 * The bench's ledger: the bench authority signs a genesis for its one EAG ({@code eag-gateway authority genesis})
 * before the gateway starts, the gateway's configuration names it ({@code ledger.genesis}, as at a real site), and
 * the gateway takes its seat in that consortium of one ({@link GatewayLedger}: its own quorum), mining blocks from
 * the payments' memory pool into its SQLite file, so the bench shows the microgrid's payments going into blocks.
 * {@link #stopAndCheck} re-checks the chain as {@code ledger verify} does.
 */
public final class BenchLedger {
    /** The block interval: one block every few seconds, so a 60 s run shows a dozen. */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final GatewayLedger ledger;
    private final Gateway gateway;

    private BenchLedger(GatewayLedger ledger, Gateway gateway) {
        this.ledger = ledger;
        this.gateway = gateway;
    }

    /** Has the bench authority sign the genesis; returns its file ({@code <bench>/genesis.json}). */
    static Path writeGenesis(BenchSite site, BenchMarket market, Clock clock) {
        return writeGenesis(site, market, clock, "ebc bench", INTERVAL, 12);
    }

    /**
     * The same for a consortium of every EAG the site's authority has issued: {@code interval} between blocks, an
     * initial target of {@code targetBits} leading zero bits.
     */
    public static Path writeGenesis(
            BenchSite site, BenchMarket market, Clock clock, String consortium, Duration interval, int targetBits) {
        Path genesisFile = site.root().resolve("genesis.json");
        StringWriter out = new StringWriter();
        var cli = GatewayCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        // The chain counts proof-of-flow periods from the genesis time, the payments from the slot grid: one start.
        long period = market.slot().toMillis() * 4;
        java.time.Instant time = java.time.Instant.ofEpochMilli(Math.floorDiv(clock.millis(), period) * period);
        int exit = cli.execute(
                "authority",
                "genesis",
                "--time",
                time.toString(),
                "--dir",
                site.authorityDir().toString(),
                "--consortium",
                consortium,
                "--interval",
                interval.toMillis() + "ms",
                "--initial-target-bits",
                String.valueOf(targetBits),
                "--reward",
                "100",
                "--proof-of-flow-period",
                period + "ms",
                "--proof-of-flow-award",
                "1",
                "--out",
                genesisFile.toString());
        if (exit != 0) {
            throw new IllegalStateException("the bench authority could not sign a genesis: " + out);
        }
        return genesisFile;
    }

    /** The running gateway's seat (it started one: the bench's configuration names the genesis). */
    static BenchLedger of(Gateway gateway, Consumer<String> say) {
        GatewayLedger ledger = gateway.ledger()
                .orElseThrow(() -> new IllegalStateException("the bench gateway took no seat in its consortium"));
        say.accept("ledger: genesis " + ledger.genesis().hash().hex().substring(0, 12) + " (" + ledger.genesisFile()
                + "), a block every " + INTERVAL.toSeconds() + " s from the payments' memory pool");
        return new BenchLedger(ledger, gateway);
    }

    /** One line for the live summary. */
    String line() {
        return ledger.line();
    }

    long height() {
        return ledger.height();
    }

    Path genesisFile() {
        return ledger.genesisFile();
    }

    /** Stops mining and consensus, then re-checks the stored chain from its genesis as {@code ledger verify} does. */
    LedgerCheck.Report stopAndCheck() throws SQLException {
        ledger.close();
        Genesis genesis = ledger.genesis();
        try (Connection c = GatewayDatabase.openReader(gateway.database())) {
            SqliteLedgerStore.Rows rows = SqliteLedgerStore.readRows(c);
            return LedgerCheck.check(
                    genesis,
                    LocalEnrollments.read(c, gateway.eag()),
                    rows.blocks(),
                    rows.transactions(),
                    BlockValidator.singleThreaded(genesis),
                    Clock.systemUTC());
        }
    }
}
