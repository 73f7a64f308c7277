package org.ebc.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.ebc.crypto.Pem;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.ledger.TradeProof;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8's acceptance: "a proof printed for a bench reading checks offline; the same proof with one byte changed
 * does not". The packaged {@code eag-gateway bench} runs a microgrid until bills are paid and in blocks; then
 * {@code ledger prove reading:METER:PAGE} prints the proof of a seller's border reading and {@code ledger
 * check-proof} accepts it with the bench authority's root alone, and refuses it with any one byte changed.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BenchTradeProofIT {

    /** A reading (meter:page) at the start of the earliest paid peer-to-peer sale's slot, on the seller's meter. */
    private static String aSellersBorderReading(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement sale = c.prepareStatement("SELECT b.slot_ms, w.node_id FROM payment_bills b "
                        + "JOIN wallets w ON w.address = b.payee WHERE b.kind = 'p2p' AND b.status = 'paid' "
                        + "ORDER BY b.paid_ms LIMIT 1");
                ResultSet s = sale.executeQuery()) {
            assertThat(s.next()).as("the bench paid a peer-to-peer bill").isTrue();
            try (PreparedStatement reading = c.prepareStatement("SELECT meter_serial, page FROM readings "
                    + "WHERE node_id = ? ORDER BY ABS(reading_time_ms - ?) LIMIT 1")) {
                reading.setString(1, s.getString(2));
                reading.setLong(2, s.getLong(1));
                try (ResultSet r = reading.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    return r.getString(1) + ":" + r.getLong(2);
                }
            }
        }
    }

    @Test
    void aProofPrintedForABenchReadingChecksOfflineAndNotWithAnyByteChanged() throws Exception {
        Path data = EndToEnd.freshDirectory("bench-trade-proof");
        EndToEnd.Run bench = EndToEnd.gatewayCommand(
                "bench",
                "--meters",
                "10",
                "--duration",
                "60s",
                "--agent-jar",
                EndToEnd.agentJar().toString(),
                "--data",
                data.toString());
        assertThat(bench.exit()).as(bench.out()).isZero();
        assertThat(bench.out())
                .contains("re-checked from genesis: every block, certificate, signature and balance holds");

        EndToEnd.Run status = EndToEnd.gatewayCommand(
                "status", "--config", data.resolve("gateway.properties").toString());
        assertThat(status.out())
                .as("the operator sees the chain and what waits for it")
                .containsPattern("ledger       height [1-9][0-9]*, last block .*; [1-9][0-9]* pool entr(y|ies) waiting "
                        + "for a block \\([0-9]+ payment\\(s\\)\\)");

        String reading = aSellersBorderReading(GatewayDatabase.file(data.resolve("gateway")));
        Path proof = data.resolve("reading-proof.json");
        Path ca = data.resolve("authority").resolve("ca.crt");
        EndToEnd.Run prove = EndToEnd.gatewayCommand(
                "ledger",
                "prove",
                "reading:" + reading,
                "--config",
                data.resolve("gateway.properties").toString(),
                "--genesis",
                data.resolve("genesis.json").toString(),
                "--out",
                proof.toString());
        assertThat(prove.exit()).as(prove.out()).isZero();
        assertThat(prove.out()).contains("wrote the proof to " + proof).contains("settled bill");

        EndToEnd.Run check = EndToEnd.gatewayCommand("ledger", "check-proof", proof.toString(), "--ca", ca.toString());
        assertThat(check.exit()).as(check.out()).isZero();
        assertThat(check.out())
                .contains("trade proof holds: meter " + reading.substring(0, reading.lastIndexOf(':')))
                .contains("register moved")
                .contains("committed by 1 of 1 EAGs (quorum 1)");

        // Every byte, each changed in turn, in process (the CLI is the same function: one run of it below).
        byte[] good = Files.readAllBytes(proof);
        X509Certificate root = Pem.readCertificate(ca);
        assertThat(TradeProof.check(good, root).isOk()).isTrue();
        for (int k = 0; k < good.length; k++) {
            byte[] bad = good.clone();
            bad[k] = (byte) (bad[k] ^ (k % 2 == 0 ? 0x01 : 0x20));
            assertThat(TradeProof.check(bad, root).isOk())
                    .as("byte %d of %d changed", k, good.length)
                    .isFalse();
        }
        byte[] bad = good.clone();
        int inReading = new String(good, StandardCharsets.UTF_8).indexOf("\"start\":\"") + 40;
        bad[inReading] = (byte) (bad[inReading] == 'A' ? 'B' : 'A');
        Path badFile = data.resolve("reading-proof-changed.json");
        Files.write(badFile, bad);
        EndToEnd.Run refused =
                EndToEnd.gatewayCommand("ledger", "check-proof", badFile.toString(), "--ca", ca.toString());
        assertThat(refused.exit()).as(refused.out()).isEqualTo(1);
        assertThat(refused.out()).startsWith("trade proof does not hold: ");
    }
}
