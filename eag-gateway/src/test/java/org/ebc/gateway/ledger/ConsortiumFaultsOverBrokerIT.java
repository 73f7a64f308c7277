package org.ebc.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.ConsensusCodec;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.EagSigner;
import org.ebc.consensus.GenesisHash;
import org.ebc.consensus.Proposal;
import org.ebc.consensus.ProposedBlock;
import org.ebc.consensus.Signed;
import org.ebc.gateway.chain.BlockAssembler;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.chain.InMemoryChainState;
import org.ebc.gateway.chain.Miner;
import org.ebc.gateway.chain.MiningJob;
import org.ebc.gateway.consensus.Verdict;
import org.ebc.gateway.consortium.net.LinkProxy;
import org.ebc.ledger.Block;
import org.ebc.testing.MosquittoBroker;
import org.ebc.testing.TestConsortium;
import org.ebc.wire.Topics;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byzantine and network faults among four EAGs over real Mosquitto brokers: an EAG that proposes two different
 * blocks at one height leaves proof of it at the honest EAGs and no conflicting commit; a 2/2 partition of two
 * bridged substation brokers commits nothing on either side and converges, with one chain, once it heals.
 */
class ConsortiumFaultsOverBrokerIT {
    @TempDir
    Path tmp;

    /** eag-4 (a raw client with eag-4's key) mines two blocks for the next height and proposes both. */
    private static boolean equivocate(Seats seats, ConsortiumNode honest, MqttClient eag4) throws Exception {
        TestConsortium c = seats.c;
        TestConsortium.Eag e = c.eag(4);
        EagSigner signer = EagSigner.of(e.id(), e.keys().getPrivate(), e.keys().getPublic());
        InMemoryChainState state = honest.state();
        long height = state.height() + 1;
        GenesisHash gen = Consortium.of(c.genesis()).genesis();
        BlockAssembler assembler = new BlockAssembler(BlockValidator.singleThreaded(c.genesis()));
        for (int i = 0; i < 2; i++) {
            BlockAssembler.Candidate cand =
                    assembler.assemble(state, e.id(), List.of(), System.currentTimeMillis() + i, 1000);
            Block b = cand.sign(
                    new Miner().mine(cand.template(), new MiningJob(height)).headerOrThrow(), e.keys());
            long now = System.currentTimeMillis();
            Signed<Proposal> p = ConsensusCodec.sign(
                    new Proposal(
                            e.id(), now, gen, height, 0, new BlockHash(b.hash().hex()), -1),
                    signer);
            byte[] message = ConsensusCodec.sign(new ProposedBlock(e.id(), now, gen, p, b.encode(), List.of()), signer)
                    .raw();
            eag4.publish(Topics.consortium(e.id(), "cs-block"), message, 1, false);
        }
        return honest.height() == height - 1;
    }

    @Test
    void anEquivocatingProposerLeavesEvidenceAndNoConflictingCommit() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                Seats seats = new Seats(tmp, Duration.ofSeconds(2))) {
            List<ConsortiumNode> honest = List.of(
                    seats.start(1, broker.url(), Seats.fast(), Duration.ofSeconds(2)),
                    seats.start(2, broker.url(), Seats.fast(), Duration.ofSeconds(2)),
                    seats.start(3, broker.url(), Seats.fast(), Duration.ofSeconds(2)));
            Seats.await("three EAGs commit a block", Duration.ofSeconds(60), () -> Seats.minHeight(honest) >= 1);
            MqttClient eag4 = new MqttClient(broker.url(), "byzantine-eag-4", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            eag4.connect(o);
            try {
                // Right after a commit the honest miners wait 2 s: eag-4's two proposals arrive first.
                for (int attempt = 0;
                        attempt < 10
                                && honest.stream().allMatch(n -> n.evidence().isEmpty());
                        attempt++) {
                    long h = honest.get(0).height();
                    Seats.await(
                            "the next commit",
                            Duration.ofSeconds(60),
                            () -> honest.get(0).height() > h);
                    equivocate(seats, honest.get(0), eag4);
                    Thread.sleep(500);
                }
            } finally {
                eag4.disconnect();
                eag4.close();
            }
            Seats.await(
                    "every honest EAG holds the proof",
                    Duration.ofSeconds(30),
                    () -> honest.stream().allMatch(n -> !n.evidence().isEmpty()));
            for (ConsortiumNode n : honest) {
                assertThat(n.evidence().get(0).toString()).contains("eag-4");
            }
            assertThat(honest.stream()
                            .mapToLong(n -> n.verdicts(Verdict.EQUIVOCATION))
                            .sum())
                    .isPositive();
            long now = Seats.minHeight(honest);
            Seats.await("blocks keep coming", Duration.ofSeconds(60), () -> Seats.minHeight(honest) >= now + 2);
            // The evidence is recorded on chain: an honest EAG admits it and the next blocks carry it.
            Seats.await(
                    "the evidence in a committed block",
                    Duration.ofSeconds(60),
                    () -> honest.stream().allMatch(n -> n.evidenceWaiting() == 0)
                            && !evidenceOnChain(seats.stores.get(0), Seats.minHeight(honest), seats)
                                    .isEmpty());
            Seats.assertOneChain(seats.stores, Seats.minHeight(honest));
            List<org.ebc.consensus.EvidenceCheck> recorded =
                    evidenceOnChain(seats.stores.get(0), Seats.minHeight(honest), seats);
            assertThat(recorded).allSatisfy(c -> assertThat(c.accused()).isEqualTo(org.ebc.units.EagId.of("eag-4")));
        }
    }

    /** What the evidence transactions of the chain up to {@code height} prove. */
    private static List<org.ebc.consensus.EvidenceCheck> evidenceOnChain(
            org.ebc.gateway.storage.SqliteLedgerStore store, long height, Seats seats) {
        List<org.ebc.consensus.EvidenceCheck> out = new java.util.ArrayList<>();
        org.ebc.consensus.Consortium consortium = org.ebc.consensus.Consortium.of(seats.c.genesis());
        for (long h = 1; h <= height; h++) {
            org.ebc.ledger.Block b = org.ebc.ledger.Block.decode(
                            store.block(h).orElseThrow().block())
                    .orElseThrow();
            for (byte[] raw : b.transactions()) {
                var tx = org.ebc.ledger.LedgerTransaction.verify(raw, seats.c.genesis()::memberByKeyId);
                if (tx.isOk() && tx.orElseThrow().body() instanceof org.ebc.ledger.TxBody.EvidenceTx e) {
                    org.ebc.consensus.Equivocation.fromDocument(e.document())
                            .map(q -> q.check(consortium))
                            .filter(org.ebc.consensus.EvidenceCheck::isProven)
                            .ifPresent(out::add);
                }
            }
        }
        return out;
    }

    @Test
    void aTwoTwoPartitionOfBridgedBrokersCommitsNothingAndConvergesAfterHealing() throws Exception {
        int portA = MosquittoBroker.freePort();
        int portB = MosquittoBroker.freePort();
        try (LinkProxy proxy = new LinkProxy();
                Seats seats = new Seats(tmp, Duration.ofMillis(300))) {
            InetSocketAddress toB = (InetSocketAddress) proxy.listen(
                    "a-to-b", new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", portB));
            InetSocketAddress toA = (InetSocketAddress) proxy.listen(
                    "b-to-a", new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", portA));
            try (MosquittoBroker a = MosquittoBroker.startWithConfig(
                            tmp.resolve("broker-a"),
                            config(tmp.resolve("broker-a"), portA, "b", toB.getPort(), 1, 2),
                            portA);
                    MosquittoBroker b = MosquittoBroker.startWithConfig(
                            tmp.resolve("broker-b"),
                            config(tmp.resolve("broker-b"), portB, "a", toA.getPort(), 3, 4),
                            portB)) {
                List<ConsortiumNode> all = List.of(
                        seats.start(1, a.url(), Seats.fast(), Duration.ofMillis(300)),
                        seats.start(2, a.url(), Seats.fast(), Duration.ofMillis(300)),
                        seats.start(3, b.url(), Seats.fast(), Duration.ofMillis(300)),
                        seats.start(4, b.url(), Seats.fast(), Duration.ofMillis(300)));
                Seats.await(
                        "four EAGs on two bridged brokers commit 3 blocks",
                        Duration.ofSeconds(90),
                        () -> Seats.minHeight(all) >= 3);

                // Partition: the bridges' links swallow everything and their connections are reset.
                proxy.blackhole("a-to-b", true);
                proxy.blackhole("b-to-a", true);
                proxy.drop("a-to-b");
                proxy.drop("b-to-a");
                Thread.sleep(3000); // a certificate complete before the cut may still land
                long[] cut = all.stream().mapToLong(ConsortiumNode::height).toArray();
                Thread.sleep(8000);
                for (int i = 0; i < 4; i++) {
                    assertThat(all.get(i).height())
                            .as("eag-%d commits nothing in a 2/2 partition", i + 1)
                            .isEqualTo(cut[i]);
                }
                Seats.assertOneChain(seats.stores, Seats.minHeight(all));

                // Heal: the bridges reconnect, the sides catch up, blocks come again on one chain.
                proxy.blackhole("a-to-b", false);
                proxy.blackhole("b-to-a", false);
                proxy.drop("a-to-b");
                proxy.drop("b-to-a");
                long target = java.util.Arrays.stream(cut).max().orElse(0) + 3;
                Seats.await(
                        "all four reach height " + target + " after healing",
                        Duration.ofMinutes(2),
                        () -> Seats.minHeight(all) >= target);
                Seats.assertOneChain(seats.stores, Seats.minHeight(all));
            }
        }
    }

    /** A plain-TCP broker that pushes its own EAGs' consortium prefixes to the peer broker through the proxy. */
    private static String config(Path dir, int port, String peer, int peerPort, int eagA, int eagB) {
        return MosquittoBroker.bridgedConfig(dir, port, peer, peerPort, List.of("eag-" + eagA, "eag-" + eagB));
    }
}
