package org.ebc.gateway.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.ebc.consensus.EvidenceCheck;
import org.ebc.gateway.consensus.harness.NetworkConditions;
import org.ebc.gateway.consensus.harness.RandomByzantine;
import org.ebc.gateway.consensus.harness.SimulatedEag;
import org.ebc.gateway.consensus.harness.TestConsortium;
import org.ebc.gateway.consensus.harness.TestContext;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;

/**
 * Safety under everything at once, many seeds: random delays (reordering), losses, repeats, partitions
 * that come and go, honest EAGs crashing and restarting, and {@code f} byzantine EAGs mixing every attack.
 * Never may two honest EAGs commit different blocks at one height, nor any honest EAG be accused.
 */
class RandomizedSafetyTest {

    @Test
    void fourEagsWithOneByzantineNeverCommitTwoBlocksAtOneHeight() {
        for (long seed = 1; seed <= 30; seed++) {
            run(4, 1, seed);
        }
    }

    @Test
    void sevenEagsWithTwoByzantineNeverCommitTwoBlocksAtOneHeight() {
        for (long seed = 101; seed <= 108; seed++) {
            run(7, 2, seed);
        }
    }

    private static String run(int n, int f, long seed) {
        SplittableRandom dice = new SplittableRandom(seed);
        long maxDelay = 5L + dice.nextInt(200);
        NetworkConditions net = new NetworkConditions(1, maxDelay, dice.nextDouble() * 0.2, dice.nextDouble() * 0.1);
        TestContext.Builder b =
                TestContext.builder().eags(n).seed(seed).network(net).meanMiningMillis(500L + dice.nextInt(2500));
        Set<Integer> byzantine = new HashSet<>();
        while (byzantine.size() < f) {
            byzantine.add(dice.nextInt(n));
        }
        for (int i : byzantine) {
            b.byzantine(i, new RandomByzantine());
        }
        TestContext ctx = b.build().start();
        List<Integer> honest = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!byzantine.contains(i)) {
                honest.add(i);
            }
        }
        for (int step = 0; step < 12; step++) {
            ctx.runFor(Duration.ofMillis(500L + dice.nextInt(2500)));
            switch (dice.nextInt(6)) {
                case 0 -> {
                    SimulatedEag e = ctx.eag(honest.get(dice.nextInt(honest.size())));
                    if (e.alive()) {
                        e.crash();
                    } else {
                        e.start();
                    }
                }
                case 1 -> {
                    Set<EagId> side = new HashSet<>();
                    for (int i = 0; i < n; i++) {
                        if (dice.nextBoolean()) {
                            side.add(TestConsortium.id(i));
                        }
                    }
                    Set<EagId> other =
                            new HashSet<>(ctx.consortium().consortium().memberIds());
                    other.removeAll(side);
                    ctx.network().partition(List.of(side, other));
                }
                case 2 -> ctx.network().heal();
                default -> {}
            }
        }
        // The network settles (partial synchrony's "global stabilisation time"): no more partitions or
        // losses, delays as before. Byzantine EAGs go on as they were.
        ctx.network().heal();
        ctx.network().setConditions(new NetworkConditions(1, maxDelay, 0, net.duplicate()));
        for (SimulatedEag e : ctx.eags()) {
            if (!e.alive()) {
                e.start();
            }
        }
        long settled = ctx.honest().stream()
                .mapToLong(SimulatedEag::committedHeight)
                .max()
                .orElse(0);
        ctx.runFor(Duration.ofSeconds(20));

        String run = "seed " + seed + " (n=" + n + ", byzantine " + byzantine + ", " + net + ") heights " + ctx.eags();
        assertThat(ctx.forks()).as(run).isEmpty();
        assertThat(ctx.badCertificates()).as(run).isEmpty();
        for (SimulatedEag e : ctx.honest()) {
            for (EvidenceCheck c : e.evidence()) {
                EagId accused = java.util.Objects.requireNonNull(c.accused());
                assertThat(byzantine).as(run + ": %s accused", accused).contains(indexOf(accused));
            }
        }
        assertThat(ctx.minHonestUpHeight())
                .as(run + ": every honest EAG past the highest height at settling")
                .isGreaterThan(settled);
        return run + " events " + ctx.simulation().events() + " delivered "
                + ctx.stats().deliveredTotal();
    }

    private static int indexOf(EagId id) {
        return Integer.parseInt(id.value().substring("eag-".length()));
    }
}
