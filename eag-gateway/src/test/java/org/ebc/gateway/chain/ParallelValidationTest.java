package org.ebc.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ebc.ledger.Block;
import org.ebc.ledger.Coinbase;
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

    /**
     * The ledger rules run alongside the signature step, on the calling thread, over what is verified so far:
     * the verdict is still the one of the two in sequence, whichever thread gets where first.
     */
    @Test
    void aBadSignatureBeforeABrokenRuleIsTheOneReportedAndTheCoinbaseComesFirst() {
        ChainFixture f = ChainFixture.standard().funded();
        List<byte[]> txs = new ArrayList<>();
        for (int n = 1; n <= 200; n++) {
            txs.add(f.c.transferTx(f.c.node(1), n, f.c.node(2), CoinAmount.ofMinorUnits(1000), f.tipTime()));
        }
        byte[] forged = txs.get(70).clone();
        forged[forged.length - 10] = (byte) (forged[forged.length - 10] == '1' ? '2' : '1');
        txs.set(70, forged);
        txs.set(150, txs.get(149)); // a duplicate after the bad signature
        Block b = f.draft(txs).build();

        for (int threads : new int[] {1, 2, 3, 5}) {
            BlockValidator parallel = new BlockValidator(f.genesis(), POOL, threads, Map.of());
            for (int run = 0; run < 4; run++) {
                BlockVerdict v = parallel.validate(b, f.state, f.clock);
                assertThat(v.reason()).as("%d threads", threads).isEqualTo(BlockReason.BAD_SIGNATURE);
                assertThat(v.transaction()).isEqualTo(70);
            }
        }

        ChainFixture.Draft badCoinbase = f.draft(txs);
        badCoinbase.coinbase = Coinbase.of(
                f.genesis().hash(),
                f.state.height() + 1,
                badCoinbase.miner,
                f.c.node(1).address(),
                f.genesis().reward(),
                List.of());
        Block c = badCoinbase.build();
        BlockVerdict v = new BlockValidator(f.genesis(), POOL, 4, Map.of()).validate(c, f.state, f.clock);
        assertThat(v.reason()).isEqualTo(BlockReason.BAD_COINBASE);
        assertThat(v).isEqualTo(f.validate(c));

        List<byte[]> good = new ArrayList<>(txs.subList(0, 70));
        Block valid = f.draft(good).build();
        BlockVerdict ok = new BlockValidator(f.genesis(), POOL, 3, Map.of()).validate(valid, f.state, f.clock);
        assertThat(ok.isValid()).isTrue();
        assertThat(ok).isEqualTo(f.validate(valid));
    }
}
