package org.ebc.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.ebc.ledger.Block;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over random valid chains (seeded, so a failure names its seed): they validate on several threads
 * exactly as on one; replaying them from the genesis gives the same state; no coin is created or lost (the
 * balances add up to the supply, which is the allocations plus every coinbase's reward and awards); and any
 * single-byte change of any block is refused.
 */
class ChainPropertiesTest {
    static final ExecutorService POOL = Executors.newFixedThreadPool(3);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 6);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRandomValidChainValidatesOnManyThreadsAsOnOneAndConservesCoins(long seed) {
        RandomChain rc = RandomChain.build(seed, 3, 6, 8, POOL, 4);
        BlockValidator single = BlockValidator.singleThreaded(rc.f.genesis());

        for (int i = 0; i < rc.blocks.size(); i++) {
            BlockVerdict one = single.validate(rc.blocks.get(i), rc.before.get(i), rc.f.clock);
            BlockVerdict many = rc.f.validator.validate(rc.blocks.get(i), rc.before.get(i), rc.f.clock);
            assertThat(one).isEqualTo(many);
            assertThat(one.reason()).isEqualTo(BlockReason.VALID);
        }
        InMemoryChainState end = rc.f.state;
        long sum = end.balances().values().stream()
                .mapToLong(CoinAmount::minorUnits)
                .sum();
        long minted = rc.allocated + end.height() * rc.f.genesis().reward().minorUnits() + rc.awardsPaid;
        assertThat(sum).as("sum of balances").isEqualTo(end.supply().minorUnits());
        assertThat(end.supply().minorUnits())
                .as("allocations + rewards + awards")
                .isEqualTo(minted);
        assertThat(rc.allocated).isEqualTo(6 * 20 * CoinAmount.MINOR_UNITS_PER_COIN);
        assertThat(rc.awardsPaid).as("awards paid by coinbases").isPositive();
        assertThat(end.balances().values()).allMatch(b -> !b.isNegative());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void replayingTheEncodedChainFromItsGenesisReachesTheSameState(long seed) {
        RandomChain rc = RandomChain.build(seed, 2, 5, 6, POOL, 3);
        List<byte[]> encoded = new ArrayList<>();
        rc.blocks.forEach(b -> encoded.add(b.encode()));

        ChainFold.Replay r = ChainFold.replay(rc.before.get(0), encoded, rc.f.validator, rc.f.clock);

        assertThat(r.isComplete()).isTrue();
        assertThat(r.blocks()).isEqualTo(6);
        assertThat(r.state().tipHash()).isEqualTo(rc.f.state.tipHash());
        assertThat(r.state().balances()).isEqualTo(rc.f.state.balances());
        assertThat(r.state().supply()).isEqualTo(rc.f.state.supply());
        assertThat(r.state().transactionCount()).isEqualTo(rc.f.state.transactionCount());

        byte[] broken = encoded.get(3).clone();
        broken[broken.length - 3] ^= 0x01;
        encoded.set(3, broken);
        ChainFold.Replay stopped = ChainFold.replay(rc.before.get(0), encoded, rc.f.validator, rc.f.clock);
        assertThat(stopped.isComplete()).isFalse();
        assertThat(stopped.blocks()).isEqualTo(3);
        assertThat(stopped.state().height()).isEqualTo(3);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anySingleByteChangeOfAnyBlockIsRefused(long seed) {
        RandomChain rc = RandomChain.build(seed, 2, 4, 5, POOL, 3);
        Random r = new Random(seed);
        int checked = 0;
        for (int i = 0; i < rc.blocks.size(); i++) {
            Block b = rc.blocks.get(i);
            byte[] raw = b.encode();
            // Every byte of the header, signature and coinbase; a sample of the transaction bytes.
            int headEnd = Math.min(
                    raw.length,
                    4 + 224 + 1 + b.minerSignature().length + 4 + b.coinbase().raw().length + 4);
            List<Integer> positions = new ArrayList<>();
            for (int p = 0; p < headEnd; p++) {
                positions.add(p);
            }
            for (int k = 0; k < 200 && raw.length > headEnd; k++) {
                positions.add(headEnd + r.nextInt(raw.length - headEnd));
            }
            for (int p : positions) {
                byte[] changed = raw.clone();
                changed[p] ^= (byte) (1 + r.nextInt(255));
                BlockVerdict v = rc.f.validator.validate(changed, rc.before.get(i), rc.f.clock);
                assertThat(v.reason())
                        .as("seed %d block %d byte %d", seed, i + 1, p)
                        .isNotEqualTo(BlockReason.VALID);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }
}
