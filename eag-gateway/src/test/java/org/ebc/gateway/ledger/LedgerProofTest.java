package org.ebc.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.ebc.crypto.Pem;
import org.ebc.gateway.cli.StdoutCli;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.ledger.Block;
import org.ebc.ledger.InclusionProof;
import org.ebc.ledger.Sha256Hash;
import org.ebc.testing.TestConsortium;
import org.ebc.units.EagId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger prove} and {@code ledger check-proof}: a proof of a committed transfer checks offline with nothing
 * but the root certificate; the same proof with any one byte changed does not, nor under another authority's root.
 */
class LedgerProofTest {
    @TempDir
    Path tmp;

    CertifiedChain chain;
    Path data;
    Path genesis;
    Path ca;
    String transfer;

    @BeforeEach
    void storeAChain() throws Exception {
        chain = CertifiedChain.standard();
        data = tmp.resolve("data");
        try (SqliteLedgerStore store = new SqliteLedgerStore(
                GatewayDatabase.openMigrated(GatewayDatabase.file(data)), chain.c.genesis(), EagId.of("eag-1"))) {
            for (int i = 0; i < chain.blocks.size(); i++) {
                store.append(chain.blocks.get(i), chain.facts.get(i));
            }
        }
        genesis = tmp.resolve("genesis.json");
        Files.write(genesis, chain.c.genesisBytes());
        ca = tmp.resolve("ca.crt");
        Pem.writePublic(ca, chain.c.authority().root());
        // The second of block 3's two transfers: a leaf that is neither first nor alone.
        byte[] tx = Block.decode(chain.blocks.get(2).block())
                .orElseThrow()
                .transactions()
                .get(1);
        transfer = Sha256Hash.of(tx).hex();
    }

    private static StdoutCli.Run cli(String... args) {
        return StdoutCli.run(args);
    }

    private Path prove() {
        Path proof = tmp.resolve("proof.json");
        StdoutCli.Run r = cli(
                "ledger",
                "prove",
                transfer,
                "--data",
                data.toString(),
                "--genesis",
                genesis.toString(),
                "--out",
                proof.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        return proof;
    }

    @Test
    void aProofOfACommittedTransferChecksOfflineWithTheRootAlone() {
        Path proof = prove();
        StdoutCli.Run r = cli("ledger", "check-proof", proof.toString(), "--ca", ca.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out())
                .contains("proof holds: transaction " + transfer + " (transfer, admitted by eag-1) is in block 3")
                .contains("committed by 4 of 4 EAGs (quorum 3)");
    }

    @Test
    void theProofPrintedToTheTerminalChecksToo() throws Exception {
        StdoutCli.Run printed =
                cli("ledger", "prove", transfer, "--data", data.toString(), "--genesis", genesis.toString());
        assertThat(printed.exit()).isZero();
        Path file = tmp.resolve("printed.json");
        Files.writeString(file, printed.out());
        assertThat(cli("ledger", "check-proof", file.toString(), "--ca", ca.toString())
                        .exit())
                .isZero();
    }

    @Test
    void anyChangedByteBreaksTheProof() throws Exception {
        byte[] good = Files.readAllBytes(prove());
        Random random = new Random(20261207);
        Path bad = tmp.resolve("bad.json");
        int checked = 0;
        // Every byte of the header, certificate and Merkle part, and 150 random bytes anywhere else.
        for (int k = 0; k < good.length; k++) {
            boolean all = k > indexOf(good, "\"merkle\"");
            if (!all && random.nextInt(good.length) > 150) {
                continue;
            }
            byte[] b = good.clone();
            b[k] = (byte) (b[k] ^ (1 + random.nextInt(127)));
            assertThat(InclusionProof.check(b, chain.c.authority().root()).isOk())
                    .as("byte %d changed", k)
                    .isFalse();
            checked++;
        }
        assertThat(checked).isGreaterThan(1000);
        Files.write(bad, flip(good, indexOf(good, "\"tx\"") + 20));
        StdoutCli.Run r = cli("ledger", "check-proof", bad.toString(), "--ca", ca.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("proof does not hold: ");
    }

    @Test
    void underAnotherAuthoritysRootTheProofDoesNotHold() throws Exception {
        Path proof = prove();
        Path other = tmp.resolve("other.crt");
        Pem.writePublic(other, TestConsortium.create(1, 0).authority().root());
        StdoutCli.Run r = cli("ledger", "check-proof", proof.toString(), "--ca", other.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("GENESIS_INVALID");
    }

    @Test
    void aTransactionInNoBlockHasNoProof() {
        StdoutCli.Run r =
                cli("ledger", "prove", "ab".repeat(32), "--data", data.toString(), "--genesis", genesis.toString());
        assertThat(r.exit()).isEqualTo(1);
    }

    private static int indexOf(byte[] b, String s) {
        return new String(b, StandardCharsets.UTF_8).indexOf(s);
    }

    private static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] = (byte) (c[at] ^ 0x01);
        return c;
    }
}
