package org.ebc.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ebc.ledger.Block;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Signatures are checked on all threads, and the verdict is the same whatever the threads do. */
class ParallelValidationTest {
    static final ExecutorService POOL = Executors.newFixedThreadPool(4);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void theFirstBadTransactionInBlockOrderIsReportedWhateverTheThreadsFinishFirst() {
        ChainFixture f = ChainFixture.standard().funded();
        List<byte[]> txs = new ArrayList<>();
        for (int n = 1; n <= 120; n++) {
            txs.add(f.c.transferTx(f.c.node(1), n, f.c.node(2), CoinAmount.ofMinorUnits(1000), f.tipTime()));
        }
        byte[] junk = "EBC1|{}|{}".getBytes(StandardCharsets.US_ASCII);
        txs.set(110, junk);
        byte[] forged = txs.get(95).clone();
        forged[forged.length - 10] = (byte) (forged[forged.length - 10] == '1' ? '2' : '1');
        txs.set(95, forged);
        Block b = f.draft(txs).build();
        BlockValidator parallel = new BlockValidator(f.genesis(), POOL, 5, Map.of());

        for (int run = 0; run < 8; run++) {
            BlockVerdict v = parallel.validate(b, f.state, f.clock);
            assertThat(v.reason()).isEqualTo(BlockReason.BAD_SIGNATURE);
            assertThat(v.transaction()).isEqualTo(95);
        }
        assertThat(f.validate(b)).isEqualTo(parallel.validate(b, f.state, f.clock));
    }

    @Test
    void aRuleBrokenBeforeTheFirstBadSignatureIsTheOneReported() {
        ChainFixture f = ChainFixture.standard().funded();
        List<byte[]> txs = new ArrayList<>();
        for (int n = 1; n <= 60; n++) {
            txs.add(f.c.transferTx(f.c.node(1), n, f.c.node(2), CoinAmount.ofMinorUnits(1000), f.tipTime()));
        }
        txs.set(10, txs.get(9));
        txs.set(50, "EBC1|{}|{}".getBytes(StandardCharsets.US_ASCII));
        BlockValidator parallel = new BlockValidator(f.genesis(), POOL, 4, Map.of());

        BlockVerdict v = parallel.validate(f.draft(txs).build(), f.state, f.clock);

        assertThat(v.reason()).isEqualTo(BlockReason.DUPLICATE_TRANSACTION);
        assertThat(v.transaction()).isEqualTo(10);
    }
}
