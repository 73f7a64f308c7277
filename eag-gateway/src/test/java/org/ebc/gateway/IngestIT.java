package org.ebc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.testing.MosquittoBroker;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several meters publishing signed readings at once through a real Mosquitto into a real gateway: every
 * record is stored exactly once with its exact bytes and acknowledged with an envelope the agent can
 * verify with the EAG certificate; and the gateway rides out a broker crash.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IngestIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path root;

    static MosquittoBroker broker;
    static GatewayFixture fixture;
    static Gateway gateway;
    AckCollector acks;

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoBroker.start(root.resolve("mosquitto"));
        fixture = GatewayFixture.create(root, "eag-ingest");
        gateway = Gateway.start(GatewayConfig.of(fixture.settings(broker.url()), Clock.systemUTC()));
        assertThat(gateway.awaitReady(Duration.ofSeconds(30))).isTrue();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void listenForAcks() throws Exception {
        acks = new AckCollector(broker.url(), fixture.eag, fixture.authority.validator());
        await().atMost(WAIT).until(acks::hasEagCertificate);
    }

    @AfterEach
    void stopListening() throws Exception {
        acks.close();
    }

    /** A meter's own MQTT connection, as its agent would have. */
    private static MqttAsyncClient connect(String clientId) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(broker.url(), clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(1_000);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    private static void enroll(List<TestMeter> meters) throws Exception {
        int known = gateway.stats().knownNodes();
        MqttAsyncClient c = connect("enroll-" + System.nanoTime());
        for (TestMeter m : meters) {
            c.publish(m.certificateTopic(fixture.eag), m.certificatePem(), 1, true)
                    .waitForCompletion(10_000);
        }
        close(c);
        await().atMost(WAIT).until(() -> gateway.stats().knownNodes() == known + meters.size());
    }

    @Test
    void severalMetersPublishingAtOnceGetEveryRecordStoredOnceAndAcknowledged() throws Exception {
        int nodes = 8;
        int perNode = 300;
        List<TestMeter> meters = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            meters.add(new TestMeter(fixture.authority, "meter-" + i, "SER-" + i));
        }
        enroll(meters);
        List<List<byte[]>> records = new ArrayList<>();
        Instant t = Instant.now();
        for (TestMeter m : meters) {
            List<byte[]> own = new ArrayList<>();
            for (int page = 1; page <= perNode; page++) {
                own.add(m.reading(page, 1_000L + page * 7L, page, t.minusSeconds(perNode - page)));
            }
            records.add(own);
        }
        long storedBefore = gateway.stats().readingsStored();

        long t0 = System.nanoTime();
        List<Thread> publishers = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            TestMeter m = meters.get(i);
            List<byte[]> own = records.get(i);
            Thread p = new Thread(() -> publishAll(m, own), "publisher-" + m.node);
            publishers.add(p);
            p.start();
        }
        for (Thread p : publishers) {
            p.join();
        }
        Set<Long> allPages = LongStream.rangeClosed(1, perNode).boxed().collect(Collectors.toSet());
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() ->
                        meters.stream().allMatch(m -> acks.committed(m.nodeId()).containsAll(allPages)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        GatewayStats s = gateway.stats();
        System.out.printf(
                "ingest: %d meters x %d signed readings stored and acknowledged in %.2f s = %.0f readings/s end to end "
                        + "(%d group commits, %d acknowledgements sent)%n",
                nodes, perNode, seconds, nodes * perNode / seconds, s.commits(), s.acksSent());

        assertThat(s.readingsStored() - storedBefore).isEqualTo((long) nodes * perNode);
        assertThat(s.rejectedTotal()).isZero();
        assertThat(s.gapEventsOpened()).isZero();
        assertThat(acks.unverified()).isZero();
        assertThat(acks.problems()).isEmpty();
        for (int i = 0; i < nodes; i++) {
            TestMeter m = meters.get(i);
            assertThat(acks.rejected(m.nodeId())).isEmpty();
            assertThat(s.lastPageByNode()).containsEntry(m.nodeId(), (long) perNode);
            List<byte[]> stored = storedRecords(m);
            assertThat(stored).hasSize(perNode);
            for (int page = 0; page < perNode; page++) {
                assertThat(stored.get(page))
                        .as("page %d of %s exactly as sent", page + 1, m.node)
                        .isEqualTo(records.get(i).get(page));
            }
        }
    }

    @Test
    void theGatewayReconnectsAndResubscribesAfterTheBrokerIsKilled() throws Exception {
        TestMeter m = new TestMeter(fixture.authority, "survivor", "SER-S");
        enroll(List.of(m));
        MqttAsyncClient c = connect("survivor-before");
        c.publish(m.readingTopic(fixture.eag), m.reading(1, 10, 0, Instant.now()), 1, false)
                .waitForCompletion(10_000);
        await().atMost(WAIT).until(() -> acks.committed(m.nodeId()).contains(1L));
        close(c);
        acks.close();

        broker.kill9();
        await().atMost(WAIT).until(() -> !gateway.stats().connected());
        broker.restart();
        await().atMost(WAIT).until(() -> gateway.stats().connected());

        acks = new AckCollector(broker.url(), fixture.eag, fixture.authority.validator());
        await().atMost(WAIT).until(acks::hasEagCertificate);
        MqttAsyncClient after = connect("survivor-after");
        after.publish(m.readingTopic(fixture.eag), m.reading(2, 20, 0, Instant.now()), 1, false)
                .waitForCompletion(10_000);
        await().atMost(WAIT).until(() -> acks.committed(m.nodeId()).contains(2L));
        close(after);

        assertThat(storedRecords(m)).hasSize(2);
    }

    private static void publishAll(TestMeter m, List<byte[]> records) {
        try {
            MqttAsyncClient c = connect("agent-" + m.node);
            List<IMqttDeliveryToken> tokens = new ArrayList<>();
            for (byte[] r : records) {
                tokens.add(c.publish(m.readingTopic(fixture.eag), r, 1, false));
            }
            for (IMqttDeliveryToken token : tokens) {
                token.waitForCompletion(60_000);
            }
            close(c);
        } catch (Exception e) {
            throw new AssertionError("publisher " + m.node + " failed: " + e, e);
        }
    }

    private static void close(MqttAsyncClient c) throws Exception {
        c.disconnect(100).waitForCompletion(10_000);
        c.close();
    }

    private static List<byte[]> storedRecords(TestMeter m) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (Connection c = GatewayDatabase.openReader(gateway.database());
                PreparedStatement p = c.prepareStatement("SELECT raw FROM readings WHERE node_id = ? ORDER BY page")) {
            p.setString(1, m.node);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getBytes(1));
                }
            }
        }
        return out;
    }
}
