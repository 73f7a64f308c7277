package org.ebc.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Csrs;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.GenesisReason;
import org.ebc.ledger.Quorum;
import org.ebc.ledger.Target;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code authority genesis}: a genesis that every EAG can check with ca.crt alone, from the registry's EAGs. */
class AuthorityGenesisCommandTest {
    @TempDir
    Path tmp;

    Path authorityWithEags(String... ids) {
        Path dir = tmp.resolve("ca");
        CliRun init = CliRun.of("authority", "init", "--dir", dir.toString(), "--name", "Grid RA");
        assertThat(init.exit()).as(init.toString()).isZero();
        for (String id : ids) {
            Path csr = tmp.resolve(id + ".csr");
            Pem.writePublic(csr, Csrs.create(KeyPairs.generate(), CertificateSubject.eag(id)));
            CliRun issue = CliRun.of("authority", "issue-eag", "--dir", dir.toString(), "--csr", csr.toString());
            assertThat(issue.exit()).as(issue.toString()).isZero();
        }
        return dir;
    }

    @Test
    void theGenesisListsTheRegistrysEagsAndEveryRuleAndVerifiesWithTheRootAlone() throws Exception {
        Path dir = authorityWithEags("eag-1", "eag-2", "eag-3", "eag-4");
        CliRun run = CliRun.of(
                "authority",
                "genesis",
                "--dir",
                dir.toString(),
                "--consortium",
                "north grid",
                "--allocation",
                "20.5",
                "--node-allocation",
                "node-7=0",
                "--interval",
                "2s",
                "--initial-target-bits",
                "12",
                "--max-target-bits",
                "4",
                "--retarget-window",
                "5",
                "--retarget-clamp",
                "2",
                "--future-allowance",
                "15s",
                "--median-window",
                "7",
                "--reward",
                "0.00000001",
                "--proof-of-flow-period",
                "15min",
                "--proof-of-flow-award",
                "2",
                "--quorum",
                "all");

        assertThat(run.exit()).as(run.toString()).isZero();
        byte[] raw = Files.readAllBytes(dir.resolve("genesis.ebc"));
        Genesis g =
                Genesis.verify(raw, Pem.readCertificate(dir.resolve("ca.crt"))).orElseThrow();
        assertThat(run.out()).contains("chain id   " + g.hash(), "quorum     all (4 of 4)");
        assertThat(g.consortium()).isEqualTo("north grid");
        assertThat(g.members()).extracting(m -> m.id().value()).containsExactly("eag-1", "eag-2", "eag-3", "eag-4");
        assertThat(g.allocation().perNode()).isEqualTo(CoinAmount.ofMinorUnits(2_050_000_000L));
        assertThat(g.allocation().amountFor(NodeId.of("node-7"))).isEqualTo(CoinAmount.ZERO);
        assertThat(g.difficulty().intervalMillis()).isEqualTo(2_000);
        assertThat(g.difficulty().initialTarget()).isEqualTo(Target.ofLeadingZeroBits(12));
        assertThat(g.difficulty().maxTarget()).isEqualTo(Target.ofLeadingZeroBits(4));
        assertThat(g.difficulty().window()).isEqualTo(5);
        assertThat(g.difficulty().clamp()).isEqualTo(2);
        assertThat(g.timestamps().futureAllowanceMillis()).isEqualTo(15_000);
        assertThat(g.timestamps().medianWindow()).isEqualTo(7);
        assertThat(g.reward()).isEqualTo(CoinAmount.ofMinorUnits(1));
        assertThat(g.proofOfFlow().orElseThrow().periodMillis()).isEqualTo(900_000);
        assertThat(g.quorum()).isEqualTo(Quorum.ALL);
    }

    @Test
    void onlyTheNamedEagsAreInTheConsortiumAndAGenesisIsNeverOverwritten() {
        Path dir = authorityWithEags("eag-1", "eag-2", "eag-3");
        Path file = tmp.resolve("north.ebc");

        CliRun first = CliRun.of(
                "authority",
                "genesis",
                "--dir",
                dir.toString(),
                "--consortium",
                "north",
                "--eag",
                "eag-3",
                "--eag",
                "eag-1",
                "--out",
                file.toString());
        CliRun again = CliRun.of(
                "authority", "genesis", "--dir", dir.toString(), "--consortium", "north", "--out", file.toString());

        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).contains("eag        eag-1", "eag        eag-3").doesNotContain("eag-2");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("a genesis is never replaced");
    }

    @Test
    void badOptionsAreUsageErrorsThatNameTheOptionAndTheValue() {
        Path dir = authorityWithEags("eag-1");
        String d = dir.toString();

        CliRun coins = CliRun.of("authority", "genesis", "--dir", d, "--consortium", "x", "--reward", "0.000000001");
        CliRun duration = CliRun.of("authority", "genesis", "--dir", d, "--consortium", "x", "--interval", "ten");
        CliRun unknown = CliRun.of("authority", "genesis", "--dir", d, "--consortium", "x", "--eag", "eag-9");
        CliRun quorum = CliRun.of("authority", "genesis", "--dir", d, "--consortium", "x", "--quorum", "most");
        CliRun pof = CliRun.of("authority", "genesis", "--dir", d, "--consortium", "x", "--proof-of-flow-award", "1");
        CliRun targets = CliRun.of(
                "authority",
                "genesis",
                "--dir",
                d,
                "--consortium",
                "x",
                "--initial-target-bits",
                "2",
                "--max-target-bits",
                "9");

        assertThat(coins.exit()).isEqualTo(2);
        assertThat(coins.err()).contains("--reward", "0.000000001");
        assertThat(duration.err()).contains("--interval", "ten");
        assertThat(unknown.err()).contains("--eag", "eag-9");
        assertThat(quorum.err()).contains("--quorum", "most");
        assertThat(pof.err()).contains("go together");
        assertThat(targets.exit()).isEqualTo(2);
        assertThat(targets.err()).contains("initial target");
        assertThat(Files.exists(dir.resolve("genesis.ebc"))).isFalse();
    }

    @Test
    void theGenesisIsRefusedUnderAnotherAuthoritysRoot() throws Exception {
        Path dir = authorityWithEags("eag-1");
        assertThat(CliRun.of("authority", "genesis", "--dir", dir.toString(), "--consortium", "x")
                        .exit())
                .isZero();
        Path other = tmp.resolve("other");
        assertThat(CliRun.of("authority", "init", "--dir", other.toString(), "--name", "Grid RA")
                        .exit())
                .isZero();

        assertThat(Genesis.verify(
                                Files.readAllBytes(dir.resolve("genesis.ebc")),
                                Pem.readCertificate(other.resolve("ca.crt")))
                        .reason())
                .isEqualTo(GenesisReason.NOT_FROM_AUTHORITY);
    }
}
