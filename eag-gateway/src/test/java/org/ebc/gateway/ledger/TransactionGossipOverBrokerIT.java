package org.ebc.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.ebc.gateway.chain.InMemoryEnrollments;
import org.ebc.ledger.Block;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.Sha256Hash;
import org.ebc.testing.MosquittoBroker;
import org.ebc.testing.TestConsortium;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions are gossiped between EAGs (issue 8): four EAGs over a real Mosquitto, each offering only its own
 * nodes' transactions (their genesis allocations, then a payment each to a node of the next EAG). Blocks carry the
 * transactions of EAGs other than their miner, so every transaction is committed once, in one identical chain, and a
 * forged transaction passed on by an EAG is dropped without harming a block.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TransactionGossipOverBrokerIT {
    @TempDir
    Path tmp;

    /** One EAG's own waiting transactions: offered in order until a committed block holds them. */
    static final class Own implements ConsortiumNode.PendingTransactions, ConsortiumNode.CommitListener {
        private final List<LedgerTransaction> waiting = new ArrayList<>();

        Own(List<byte[]> raws, Genesis g) {
            for (byte[] r : raws) {
                waiting.add(LedgerTransaction.verify(r, g::memberByKeyId).orElseThrow());
            }
        }

        synchronized void add(List<byte[]> raws, Genesis g) {
            for (byte[] r : raws) {
                waiting.add(LedgerTransaction.verify(r, g::memberByKeyId).orElseThrow());
            }
        }

        @Override
        public synchronized List<LedgerTransaction> candidates() {
            return List.copyOf(waiting);
        }

        @Override
        public synchronized void committed(Block block, org.ebc.consensus.CertifiedBlock certified) {
            Set<Sha256Hash> ids = new HashSet<>();
            block.transactions().forEach(t -> ids.add(Sha256Hash.of(t)));
            waiting.removeIf(t -> ids.contains(t.id()));
        }

        synchronized int left() {
            return waiting.size();
        }
    }

    @Test
    void aBlockCarriesThePendingTransactionsOfEveryEagNotOnlyItsMiners() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                Seats seats = new Seats(tmp, Duration.ofMillis(500))) {
            TestConsortium c = seats.c;
            InMemoryEnrollments enrollments = seats.enrollments();
            long now = System.currentTimeMillis();
            Map<Sha256Hash, EagId> admitter = new HashMap<>();
            List<TestConsortium.Node> nodes = c.nodes();
            Map<Long, EagId> miners = new ConcurrentHashMap<>();
            Map<Long, List<Sha256Hash>> contents = new ConcurrentHashMap<>();
            List<Own> own = new ArrayList<>();
            List<ConsortiumNode> running = new ArrayList<>();
            for (int e = 1; e <= 4; e++) {
                Own o = new Own(List.of(), c.genesis());
                own.add(o);
                running.add(seats.start(
                        e, broker.url(), Seats.fast(), Duration.ofMillis(300), enrollments, o, (block, certified) -> {
                            o.committed(block, certified);
                            miners.put(block.header().height(), block.header().miner());
                            contents.put(
                                    block.header().height(),
                                    block.transactions().stream()
                                            .map(Sha256Hash::of)
                                            .toList());
                        }));
            }

            // Rounds of payments until a block carries one its miner did not admit. Which EAG wins a height is a race,
            // so one round may, by chance, see each EAG commit only its own; four rounds in a row all but never do.
            int carriedForOthers = 0;
            int rounds = 0;
            while (carriedForOthers == 0 && rounds < 4) {
                rounds++;
                Map<EagId, List<byte[]>> byEag = new HashMap<>();
                for (int i = 0; i < nodes.size(); i++) {
                    TestConsortium.Node n = nodes.get(i);
                    TestConsortium.Node next = nodes.get((i + 1) % nodes.size());
                    assertThat(next.home())
                            .as("the payee is at home at another EAG")
                            .isNotEqualTo(n.home());
                    List<byte[]> txs = new ArrayList<>();
                    if (rounds == 1) {
                        txs.add(c.allocationTx(n, now));
                    }
                    txs.add(c.transferTx(n, rounds, next, CoinAmount.ofCoins(3), now + rounds));
                    for (byte[] raw : txs) {
                        byEag.computeIfAbsent(n.home(), k -> new ArrayList<>()).add(raw);
                        admitter.put(Sha256Hash.of(raw), n.home());
                    }
                }
                for (int e = 1; e <= 4; e++) {
                    own.get(e - 1).add(byEag.getOrDefault(c.eag(e).id(), List.of()), c.genesis());
                }
                Seats.await(
                        "every EAG's transactions committed (round " + rounds + ")",
                        Duration.ofSeconds(90),
                        () -> own.stream().allMatch(o -> o.left() == 0));
                carriedForOthers = 0;
                for (Map.Entry<Long, List<Sha256Hash>> b : contents.entrySet()) {
                    for (Sha256Hash id : b.getValue()) {
                        if (admitter.containsKey(id) && !admitter.get(id).equals(miners.get(b.getKey()))) {
                            carriedForOthers++;
                        }
                    }
                }
            }
            long height = Seats.minHeight(running);
            Seats.await(
                    "every EAG at the same height", Duration.ofSeconds(30), () -> Seats.minHeight(running) >= height);
            Seats.assertOneChain(seats.stores, height);

            Set<Sha256Hash> committed = new HashSet<>();
            for (Map.Entry<Long, List<Sha256Hash>> b : contents.entrySet()) {
                for (Sha256Hash id : b.getValue()) {
                    assertThat(committed.add(id))
                            .as("transaction %s committed once", id)
                            .isTrue();
                }
            }
            assertThat(committed).containsAll(admitter.keySet());
            assertThat(carriedForOthers)
                    .as("transactions in blocks mined by an EAG that did not admit them, after %d round(s)", rounds)
                    .isPositive();
            System.out.printf(
                    "transaction gossip: %d transactions of 4 EAGs committed once, %d of them in blocks of an EAG that"
                            + " did not admit them (%d round(s) of payments)%n",
                    admitter.size(), carriedForOthers, rounds);
            long added =
                    running.stream().mapToLong(n -> n.peerTransactions("ADDED")).sum();
            assertThat(added).as("transactions passed on and held").isGreaterThanOrEqualTo(admitter.size());
            assertThat(running.stream()
                            .mapToLong(n -> n.peerTransactions("REFUSED"))
                            .sum())
                    .isZero();
            for (int e = 1; e <= 4; e++) {
                running.get(e - 1).close();
                Seats.checkFileWith(seats.db(e), c.genesis(), enrollments);
            }
        }
    }

    @Test
    void aForgedTransactionPassedOnIsDroppedAndTheBlocksKeepComing() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                Seats seats = new Seats(tmp, Duration.ofMillis(500))) {
            TestConsortium c = seats.c;
            List<ConsortiumNode> running = new ArrayList<>();
            for (int e = 1; e <= 3; e++) {
                running.add(seats.start(
                        e,
                        broker.url(),
                        Seats.fast(),
                        Duration.ofMillis(300),
                        seats.enrollments(),
                        ConsortiumNode.PendingTransactions.NONE,
                        (block, certified) -> {}));
            }
            // eag-4 is absent; a client with its topic passes on a transaction whose payer signature is broken, one
            // of another EAG's, and a frame that is not one.
            TestConsortium.Node n = c.nodes().stream()
                    .filter(x -> x.home().equals(c.eag(4).id()))
                    .findFirst()
                    .orElseThrow();
            TestConsortium.Node other = c.nodes().stream()
                    .filter(x -> x.home().equals(c.eag(1).id()))
                    .findFirst()
                    .orElseThrow();
            byte[] good = c.allocationTx(n, System.currentTimeMillis());
            byte[] broken = good.clone();
            broken[broken.length - 10] ^= 0x01;
            byte[] notItsOwn = c.allocationTx(other, System.currentTimeMillis());
            try (var client = new org.eclipse.paho.client.mqttv3.MqttClient(
                    broker.url(), "eag-4-forger", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
                client.connect();
                String topic = org.ebc.wire.Topics.consortium(c.eag(4).id(), ConsortiumNode.TRANSACTIONS);
                for (byte[] frame : TransactionBatch.encode(List.of(broken, notItsOwn))) {
                    client.publish(topic, frame, 1, false);
                }
                client.publish(topic, new byte[] {0, 0, 0, 9, 1}, 1, false);
                Seats.await(
                        "both looked at by every EAG",
                        Duration.ofSeconds(20),
                        () -> running.stream()
                                .allMatch(r ->
                                        r.peerTransactions("REFUSED") + r.peerTransactions("NOT_FROM_SENDER") == 2));
                client.disconnect();
            }
            long h = Seats.minHeight(running);
            Seats.await("blocks keep coming", Duration.ofSeconds(30), () -> Seats.minHeight(running) >= h + 3);
            assertThat(running)
                    .allSatisfy(r -> assertThat(r.peerTransactionsWaiting()).isZero());
        }
    }
}
