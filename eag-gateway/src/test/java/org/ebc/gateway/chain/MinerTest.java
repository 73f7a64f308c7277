package org.ebc.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ebc.ledger.BlockHeader;
import org.ebc.ledger.Sha256Hash;
import org.ebc.ledger.Target;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;

/** Proof-of-work search: finds a header that meets its target, stops when told, and hashes what the validator hashes. */
class MinerTest {
    final Miner miner = new Miner();

    static BlockHeader template(Target target) {
        return new BlockHeader(
                Sha256Hash.ZERO,
                5,
                Sha256Hash.ZERO,
                1_795_248_000_000L,
                Sha256Hash.ZERO,
                0,
                target,
                EagId.of("eag-1"),
                0);
    }

    @Test
    void theMinerFindsTheFirstNonceWhoseHeaderHashMeetsTheTarget() {
        BlockHeader t = template(Target.ofLeadingZeroBits(10));
        Miner.Result r = miner.mine(t, new MiningJob(5));

        assertThat(r.status()).isEqualTo(Miner.Status.FOUND);
        BlockHeader h = r.headerOrThrow();
        assertThat(h.hasEnoughWork()).isTrue();
        assertThat(h.withNonce(0)).isEqualTo(t);
        assertThat(r.attempts()).isEqualTo(h.nonce() + 1);
        for (long n = 0; n < h.nonce(); n++) {
            assertThat(t.withNonce(n).hasEnoughWork()).as("nonce %d", n).isFalse();
        }
    }

    @Test
    void theMidstateShortcutGivesTheSameVerdictAsHashingTheWholeHeaderForEveryNonceTried() {
        // Target with about half the hashes below it: every attempt's verdict is compared.
        Target half = Target.fromBigInteger(BigInteger.ONE.shiftLeft(255));
        BlockHeader t = template(half);
        for (long start = 0; start < 200; start++) {
            Miner.Result r = miner.mine(t.withNonce(start), new MiningJob(5), 1);
            assertThat(r.status() == Miner.Status.FOUND)
                    .as("nonce %d", start)
                    .isEqualTo(t.withNonce(start).hasEnoughWork());
        }
    }

    @Test
    void aSearchThatRunsOutOfAttemptsSaysSo() {
        Target impossible = Target.fromBigInteger(BigInteger.ONE);
        Miner.Result r = miner.mine(template(impossible), new MiningJob(5), 10_000);

        assertThat(r.status()).isEqualTo(Miner.Status.EXHAUSTED);
        assertThat(r.attempts()).isEqualTo(10_000);
        assertThat(r.header()).isNull();
    }

    @Test
    void miningStopsWhenAValidProposalForItsHeightArrivesOnAnotherThread() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            MiningJob job = new MiningJob(5);
            CompletableFuture<Miner.Result> running = CompletableFuture.supplyAsync(
                    () -> miner.mine(template(Target.fromBigInteger(BigInteger.ONE)), job), thread);
            await().atMost(Duration.ofSeconds(30)).until(() -> job.attempts() > 0);

            assertThat(job.proposalArrived(4))
                    .as("a proposal for an earlier height")
                    .isFalse();
            assertThat(job.isCancelled()).isFalse();
            assertThat(job.proposalArrived(5)).isTrue();

            Miner.Result r = running.get(10, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(Miner.Status.CANCELLED);
            assertThat(r.attempts() % Miner.CHECK_EVERY).isZero();
            assertThat(job.proposalArrived(6)).as("already stopped").isFalse();
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void aJobCancelledBeforeTheSearchStartsTriesNothing() {
        MiningJob job = new MiningJob(5);
        job.cancel();

        Miner.Result r = miner.mine(template(Target.EASIEST), job);
        assertThat(r.status()).isEqualTo(Miner.Status.CANCELLED);
        assertThat(r.attempts()).isZero();
    }
}
