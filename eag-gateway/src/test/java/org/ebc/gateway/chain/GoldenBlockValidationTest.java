package org.ebc.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.ebc.crypto.Pem;
import org.ebc.ledger.Genesis;
import org.ebc.testing.GoldenVectors;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;

/** The committed golden block (shared's golden/README.md) is a valid first block of the committed golden genesis. */
class GoldenBlockValidationTest {
    static final WalletAddress NODE_A =
            WalletAddress.parse("Ecx2ygGvmDSp25kxifmkQWXF5ABx2AVodm").address();
    static final WalletAddress NODE_B =
            WalletAddress.parse("EfdekJkH7WtY3CCCaUqZLQPWSepRSyxxXY").address();

    /** Read from the bytes, not a path: in a reactor build the golden vectors come from shared's test jar. */
    private static X509Certificate authorityCertificate() {
        return Pem.parseCertificates(new String(GoldenVectors.bytes("ledger-authority.crt"), StandardCharsets.US_ASCII))
                .orElseThrow(() -> new AssertionError("golden vector ledger-authority.crt is not a certificate"))
                .get(0);
    }

    @Test
    void theGoldenBlockIsAValidFirstBlockOfTheGoldenGenesis() {
        Genesis g = Genesis.verify(GoldenVectors.bytes("ledger-genesis.ebc"), authorityCertificate())
                .orElseThrow();
        Enrollments registered = InMemoryEnrollments.EMPTY
                .with(NodeId.of("node-a"), EagId.of("eag-1"), List.of(NODE_A))
                .with(NodeId.of("node-b"), EagId.of("eag-1"), List.of(NODE_B));
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T08:00:10Z"), ZoneOffset.UTC);
        InMemoryChainState genesis = InMemoryChainState.atGenesis(g, registered);

        BlockVerdict v =
                BlockValidator.singleThreaded(g).validate(GoldenVectors.bytes("ledger-block-1.bin"), genesis, clock);

        assertThat(v.reason()).as(v.detail()).isEqualTo(BlockReason.VALID);
        InMemoryChainState after = genesis.apply(v.effectsOrThrow());
        WalletAddress miner = g.member(EagId.of("eag-1")).orElseThrow().address();
        assertThat(after.balance(miner)).isEqualTo(CoinAmount.ofCoins(1));
        assertThat(after.balance(NODE_A)).isEqualTo(CoinAmount.ofMinorUnits(1_750_000_000));
        assertThat(after.balance(NODE_B)).isEqualTo(CoinAmount.ofMinorUnits(250_000_000));
        assertThat(after.supply()).isEqualTo(CoinAmount.ofCoins(21));
        assertThat(after.tipHash().hex()).isEqualTo("00a373a8cf6214e02cb36d79e05d7f7138b5eb19b8433a5ba2b661a1dd513082");

        // Without node-b's registration the same block is refused: the payee is unknown there.
        InMemoryChainState unaware = InMemoryChainState.atGenesis(
                g, InMemoryEnrollments.EMPTY.with(NodeId.of("node-a"), EagId.of("eag-1"), List.of(NODE_A)));
        assertThat(BlockValidator.singleThreaded(g)
                        .validate(GoldenVectors.bytes("ledger-block-1.bin"), unaware, clock)
                        .reason())
                .isEqualTo(BlockReason.UNKNOWN_ADDRESS);
    }
}
