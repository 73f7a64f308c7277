package org.ebc.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ebc.gateway.consensus.Verdict;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four EAGs, each a {@link ConsortiumNode} with its own SQLite ledger, over a real Mosquitto broker, mining at a
 * low difficulty: blocks keep coming with one EAG crashed; with two crashed (below the quorum of three) no block
 * is committed and nothing forks; restarted, the two catch up from their peers, re-validating every block and
 * certificate, and all four hold one chain that {@code ledger verify}'s check accepts.
 */
class ConsortiumOverBrokerIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration SPACING = Duration.ofMillis(150);

    @TempDir
    Path tmp;

    @Test
    void blocksContinueWithOneEagDownStopWithTwoDownAndAllConvergeAfterTheirRestart() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                Seats seats = new Seats(tmp, Duration.ofMillis(400))) {
            List<ConsortiumNode> n = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                n.add(seats.start(i, broker.url(), Seats.fast(), SPACING));
            }
            Seats.await("all four EAGs commit 3 blocks", WAIT, () -> Seats.minHeight(n) >= 3);
            Seats.assertOneChain(seats.stores, Seats.minHeight(n));

            // One of four down (f = 1): the other three still make a quorum.
            n.get(3).close();
            long atFirstCrash = n.get(0).height();
            List<ConsortiumNode> three = n.subList(0, 3);
            Seats.await(
                    "three EAGs commit 3 more blocks with eag-4 down",
                    WAIT,
                    () -> Seats.minHeight(three) >= atFirstCrash + 3);
            Seats.assertOneChain(seats.stores.subList(0, 3), Seats.minHeight(three));

            // Two of four down: below the quorum, no block may be committed, and the two left must not diverge.
            n.get(2).close();
            Thread.sleep(3000); // a certificate already complete when eag-3 stopped may still land
            long stalled1 = n.get(0).height();
            long stalled2 = n.get(1).height();
            Thread.sleep(6000);
            assertThat(n.get(0).height())
                    .as("eag-1 commits nothing below the quorum")
                    .isEqualTo(stalled1);
            assertThat(n.get(1).height())
                    .as("eag-2 commits nothing below the quorum")
                    .isEqualTo(stalled2);
            Seats.assertOneChain(seats.stores.subList(0, 2), Math.min(stalled1, stalled2));

            // Restarted over their own files, eag-3 and eag-4 catch up and blocks come again.
            seats.stores.get(2).close();
            seats.stores.get(3).close();
            ConsortiumNode e3 = seats.start(3, broker.url(), Seats.fast(), SPACING);
            ConsortiumNode e4 = seats.start(4, broker.url(), Seats.fast(), SPACING);
            List<ConsortiumNode> all = List.of(n.get(0), n.get(1), e3, e4);
            List<SqliteLedgerStore> allStores =
                    List.of(seats.stores.get(0), seats.stores.get(1), seats.stores.get(4), seats.stores.get(5));
            long target = Math.max(stalled1, stalled2) + 3;
            Seats.await(
                    "all four EAGs reach height " + target + " after the restart",
                    WAIT,
                    () -> Seats.minHeight(all) >= target);
            Seats.assertOneChain(allStores, Seats.minHeight(all));
            assertThat(n.get(0).verdicts(Verdict.ACCEPTED)).isPositive();
            seats.stopAll();

            // Each EAG's file: SQLite's own check, and ledger verify's check from genesis.
            for (int i = 1; i <= 4; i++) {
                assertThat(Seats.checkFile(seats.db(i), seats.c.genesis()).blocks())
                        .isGreaterThanOrEqualTo(target);
            }
        }
    }
}
