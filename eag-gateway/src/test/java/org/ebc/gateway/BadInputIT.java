package org.ebc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.verify.RecordDigest;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.testing.MosquittoBroker;
import org.ebc.testing.TestAuthority;
import org.ebc.wire.Ack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input through a real Mosquitto, published by a plain external client
 * ({@code mosquitto_pub}), into a real gateway with a real SQLite file: each is refused with its
 * reason, counted, written to the rejection log, answered when the node is known, never stored as a
 * reading; and the gateway keeps storing and acknowledging valid readings afterwards.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BadInputIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger NODES = new AtomicInteger();

    @TempDir
    static Path root;

    static MosquittoBroker broker;
    static GatewayFixture fixture;
    static Gateway gateway;
    static MosquittoPub pub;
    static AckCollector acks;

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoBroker.start(root.resolve("mosquitto"));
        fixture = GatewayFixture.create(root, "eag-it");
        java.util.Map<String, String> settings = fixture.settings(broker.url());
        // These tests send a meter's pages within milliseconds of each other: ordinary register rises would look
        // faster than any house connection (IMPLAUSIBLE_POWER has its own tests).
        settings.put("verify.rated.power", "1000000000");
        gateway = Gateway.start(GatewayConfig.of(settings, Clock.systemUTC()));
        assertThat(gateway.awaitReady(WAIT))
                .as("gateway connected and subscribed")
                .isTrue();
        acks = new AckCollector(broker.url(), fixture.eag, fixture.authority.validator());
        await().atMost(WAIT).until(acks::hasEagCertificate);
        pub = new MosquittoPub(broker.port(), root);
    }

    @AfterAll
    static void stop() throws Exception {
        if (acks != null) {
            acks.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** A new node whose certificate the gateway has bound from its retained certificate topic. */
    private static TestMeter enrolledNode() throws Exception {
        int n = NODES.incrementAndGet();
        TestMeter m = new TestMeter(fixture.authority, "node-" + n, "METER-" + n);
        int known = gateway.stats().knownNodes();
        pub.publish(m.certificateTopic(fixture.eag), m.certificatePem(), true);
        await().atMost(WAIT).until(() -> gateway.stats().knownNodes() == known + 1);
        return m;
    }

    private static void send(TestMeter topicOwner, byte[] raw) throws Exception {
        pub.publish(topicOwner.readingTopic(fixture.eag), raw);
    }

    private static byte[] valid(TestMeter m, long page, long importWh) {
        return m.reading(page, importWh, 0, Instant.now());
    }

    /** Sends a valid record and waits for it to be stored and acknowledged as committed. */
    private static void storedAndAcknowledged(TestMeter m, long page, long importWh) throws Exception {
        storedAndAcknowledged(m, page, importWh, Instant.now());
    }

    private static void storedAndAcknowledged(TestMeter m, long page, long importWh, Instant readAt) throws Exception {
        send(m, m.reading(page, importWh, 0, readAt));
        await().atMost(WAIT).until(() -> acks.committed(m.nodeId()).contains(page));
        assertThat(storedPages(m)).contains(page);
    }

    private static List<Long> storedPages(TestMeter m) throws Exception {
        return longs("SELECT page FROM readings WHERE node_id = ? ORDER BY page", m.node);
    }

    private static void awaitRejected(RejectReason reason, long before) {
        await().atMost(WAIT).until(() -> gateway.stats().rejected(reason) == before + 1);
    }

    /** The rejection log rows (reason, sender, page) for the message with this digest. */
    private static List<String> logged(byte[] raw) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = GatewayDatabase.openReader(gateway.database());
                PreparedStatement p =
                        c.prepareStatement("SELECT reason, sender, page FROM rejections WHERE digest = ?")) {
            p.setString(1, RecordDigest.of(raw));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long page = r.getLong(3);
                    String pageText = r.wasNull() ? "-" : "T" + page;
                    out.add(r.getString(1) + " " + r.getString(2) + " " + pageText);
                }
            }
        }
        return out;
    }

    private static List<Long> longs(String sql, String arg) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Connection c = GatewayDatabase.openReader(gateway.database());
                PreparedStatement p = c.prepareStatement(sql)) {
            if (arg != null) {
                p.setString(1, arg);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getLong(1));
                }
            }
        }
        return out;
    }

    private static void answered(TestMeter m, long page, RejectReason reason) {
        await().atMost(WAIT)
                .until(() -> acks.rejected(m.nodeId()).stream()
                        .anyMatch(r -> r.page() == page && r.reason().equals(reason.name())));
        Ack.Rejection r = acks.rejected(m.nodeId()).stream()
                .filter(x -> x.page() == page)
                .findFirst()
                .orElseThrow();
        assertThat(r.detail()).contains("[sha256 ");
    }

    @Test
    void aForgedSignatureIsRefusedAnsweredAndNotStored() throws Exception {
        TestMeter m = enrolledNode();
        String text = new String(valid(m, 1, 1_000), StandardCharsets.UTF_8).replace("\"RV\":1000", "\"RV\":999999");
        byte[] forged = text.getBytes(StandardCharsets.UTF_8);
        long before = gateway.stats().rejected(RejectReason.BAD_SIGNATURE);

        send(m, forged);

        awaitRejected(RejectReason.BAD_SIGNATURE, before);
        answered(m, 1, RejectReason.BAD_SIGNATURE);
        assertThat(logged(forged)).containsExactly("BAD_SIGNATURE " + m.node + " T1");
        assertThat(storedPages(m)).isEmpty();
        storedAndAcknowledged(m, 1, 1_000);
    }

    @Test
    void aReplayedPageIsRefusedButAnIdenticalRedeliveryIsAcknowledgedAgain() throws Exception {
        TestMeter m = enrolledNode();
        byte[] original = valid(m, 1, 500);
        send(m, original);
        await().atMost(WAIT).until(() -> acks.committed(m.nodeId()).contains(1L));
        int acksBefore = acks.acks(m.nodeId()).size();
        long redeliveries = gateway.stats().redeliveries();

        send(m, original);
        await().atMost(WAIT).until(() -> gateway.stats().redeliveries() == redeliveries + 1);
        await().atMost(WAIT).until(() -> acks.acks(m.nodeId()).size() == acksBefore + 1);
        assertThat(acks.acks(m.nodeId()).get(acksBefore).committed()).containsExactly(new Ack.PageRange(1, 1));

        byte[] replay = valid(m, 1, 600);
        long before = gateway.stats().rejected(RejectReason.DOUBLE_SIGNED_PAGE);
        send(m, replay);

        awaitRejected(RejectReason.DOUBLE_SIGNED_PAGE, before);
        answered(m, 1, RejectReason.DOUBLE_SIGNED_PAGE);
        assertThat(logged(replay)).containsExactly("DOUBLE_SIGNED_PAGE " + m.node + " T1");
        assertThat(storedPages(m)).containsExactly(1L);
        assertThat(longs("SELECT import_wh FROM readings WHERE node_id = ?", m.node))
                .containsExactly(500L);
        storedAndAcknowledged(m, 2, 700);

        // Both records are kept as evidence, and the node is flagged: its orders are refused until an operator
        // clears the flag (a cloned or tampered meter is not a resend).
        try (Connection c = GatewayDatabase.openReader(gateway.database());
                PreparedStatement p =
                        c.prepareStatement("SELECT stored_raw, second_raw FROM page_evidence WHERE node_id = ?")) {
            p.setString(1, m.node);
            try (var r = p.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getBytes(1)).isEqualTo(original);
                assertThat(r.getBytes(2)).isEqualTo(replay);
            }
        }
        assertThat(longs("SELECT COUNT(*) FROM node_flags WHERE node_id = ? AND cleared_ms IS NULL", m.node))
                .containsExactly(1L);
        try (org.ebc.gateway.trading.TradeClient receipts = new org.ebc.gateway.trading.TradeClient(
                broker.url(), fixture.eag, fixture.eagIssued.keys().getPublic())) {
            java.security.KeyPair wallet = org.ebc.crypto.KeyPairs.generate();
            java.util.function.LongFunction<byte[]> order = seq -> new org.ebc.trade.Order(
                            m.nodeId(),
                            seq,
                            Instant.now(),
                            Instant.ofEpochMilli((System.currentTimeMillis() / 900_000 + 2) * 900_000),
                            org.ebc.trade.Side.BUY,
                            org.ebc.units.Energy.ofWh(100),
                            org.ebc.units.Price.ofMinorUnitsPerKWh(1),
                            org.ebc.wallet.WalletAddress.of(wallet.getPublic()))
                    .sign(
                            m.issued.keys().getPrivate(),
                            org.ebc.crypto.KeyId.of(m.issued.keys().getPublic()));
            pub.publish(
                    org.ebc.wire.Topics.meter(fixture.eag, m.nodeId(), org.ebc.wire.Topics.MeterMessage.ORDER),
                    order.apply(1));
            await().atMost(WAIT).until(() -> receipts.receipt("order", "1").isPresent());
            assertThat(receipts.receipt("order", "1").orElseThrow().reason()).isEqualTo("NODE_FLAGGED");

            assertThat(org.ebc.gateway.cli.GatewayCli.newCommandLine()
                            .execute(
                                    "node",
                                    "clear-flag",
                                    "--data",
                                    fixture.dataDir.toString(),
                                    m.node,
                                    "--by",
                                    "test operator"))
                    .isZero();
            pub.publish(
                    org.ebc.wire.Topics.meter(fixture.eag, m.nodeId(), org.ebc.wire.Topics.MeterMessage.ORDER),
                    order.apply(2));
            await().atMost(WAIT).until(() -> receipts.receipt("order", "2").isPresent());
            // No longer flagged: refused now only because this test's wallet is not bound to the node.
            assertThat(receipts.receipt("order", "2").orElseThrow().reason()).isEqualTo("ADDRESS_NOT_OWNED");
        }
    }

    @Test
    void aDecreasingRegisterIsRefused() throws Exception {
        TestMeter m = enrolledNode();
        storedAndAcknowledged(m, 1, 1_000);
        byte[] lower = valid(m, 2, 900);
        long before = gateway.stats().rejected(RejectReason.REGISTER_DECREASED);

        send(m, lower);

        awaitRejected(RejectReason.REGISTER_DECREASED, before);
        answered(m, 2, RejectReason.REGISTER_DECREASED);
        assertThat(logged(lower)).containsExactly("REGISTER_DECREASED " + m.node + " T2");
        assertThat(storedPages(m)).containsExactly(1L);
        storedAndAcknowledged(m, 2, 1_000);
    }

    @Test
    void aRecordPublishedOnAnotherNodesTopicIsAnIdentityMismatch() throws Exception {
        TestMeter alice = enrolledNode();
        TestMeter bob = enrolledNode();
        byte[] alicesRecord = valid(alice, 1, 100);
        long before = gateway.stats().rejected(RejectReason.IDENTITY_MISMATCH);

        send(bob, alicesRecord);

        awaitRejected(RejectReason.IDENTITY_MISMATCH, before);
        answered(bob, 1, RejectReason.IDENTITY_MISMATCH);
        assertThat(logged(alicesRecord)).containsExactly("IDENTITY_MISMATCH " + bob.node + " T1");
        assertThat(storedPages(alice)).isEmpty();
        assertThat(storedPages(bob)).isEmpty();
        storedAndAcknowledged(alice, 1, 100);
        storedAndAcknowledged(bob, 1, 100);
    }

    @Test
    void aNodeWithACertificateFromAnotherAuthorityStaysUnknown() throws Exception {
        TestMeter mallory = new TestMeter(TestAuthority.create("rogue-authority", Instant.now()), "mallory", "ROGUE-1");
        long invalid = gateway.stats().rejected(RejectReason.CERTIFICATE_INVALID);
        long unknown = gateway.stats().rejected(RejectReason.UNKNOWN_NODE);

        pub.publish(mallory.certificateTopic(fixture.eag), mallory.certificatePem(), true);
        awaitRejected(RejectReason.CERTIFICATE_INVALID, invalid);
        byte[] reading = valid(mallory, 1, 100);
        send(mallory, reading);
        awaitRejected(RejectReason.UNKNOWN_NODE, unknown);

        assertThat(logged(mallory.certificatePem())).containsExactly("CERTIFICATE_INVALID mallory -");
        assertThat(logged(reading)).containsExactly("UNKNOWN_NODE mallory -");
        assertThat(storedPages(mallory)).isEmpty();
        TestMeter honest = enrolledNode();
        storedAndAcknowledged(honest, 1, 1);
        assertThat(acks.acks(mallory.nodeId())).isEmpty();
    }

    @Test
    void aRevokedNodesReadingsAreRefusedAsSoonAsTheRevocationListChanges() throws Exception {
        TestMeter carol = enrolledNode();
        storedAndAcknowledged(carol, 1, 10);
        int revokedBefore = gateway.stats().revokedCertificates();

        fixture.writeCrl(List.of(carol.issued.certificate()));
        await().atMost(WAIT).until(() -> gateway.stats().revokedCertificates() == revokedBefore + 1);
        byte[] afterRevocation = valid(carol, 2, 20);
        long before = gateway.stats().rejected(RejectReason.CERTIFICATE_REVOKED);
        send(carol, afterRevocation);

        awaitRejected(RejectReason.CERTIFICATE_REVOKED, before);
        answered(carol, 2, RejectReason.CERTIFICATE_REVOKED);
        assertThat(logged(afterRevocation)).containsExactly("CERTIFICATE_REVOKED " + carol.node + " T2");
        assertThat(storedPages(carol)).containsExactly(1L);

        fixture.writeCrl(List.of());
        await().atMost(WAIT).until(() -> gateway.stats().revokedCertificates() == revokedBefore);
        storedAndAcknowledged(enrolledNode(), 1, 1);
    }

    @Test
    void truncatedJsonIsMalformed() throws Exception {
        TestMeter m = enrolledNode();
        byte[] whole = valid(m, 1, 100);
        byte[] truncated = Arrays.copyOf(whole, whole.length - 40);
        long before = gateway.stats().rejected(RejectReason.MALFORMED);

        send(m, truncated);

        awaitRejected(RejectReason.MALFORMED, before);
        assertThat(logged(truncated)).singleElement().asString().startsWith("MALFORMED " + m.node);
        assertThat(storedPages(m)).isEmpty();
        storedAndAcknowledged(m, 1, 100);
    }

    @Test
    void aMegabyteOfGarbageIsTooLargeAndTheGatewayCarriesOn() throws Exception {
        TestMeter m = enrolledNode();
        byte[] garbage = new byte[1 << 20];
        new Random(42).nextBytes(garbage);
        long before = gateway.stats().rejected(RejectReason.TOO_LARGE);

        send(m, garbage);

        awaitRejected(RejectReason.TOO_LARGE, before);
        assertThat(longs("SELECT size_bytes FROM rejections WHERE reason = 'TOO_LARGE' AND sender = ?", m.node))
                .containsExactly((long) garbage.length);
        assertThat(storedPages(m)).isEmpty();
        storedAndAcknowledged(m, 1, 5);
    }

    @Test
    void aCorrectlySignedRecordThatSkipsPagesIsStoredAndRaisesAGapEventNamingTheMissingRange() throws Exception {
        TestMeter m = enrolledNode();
        // A page published again keeps the time it was read at: T3 lies between T1 and T5.
        Instant t1 = Instant.now().minusSeconds(60);
        storedAndAcknowledged(m, 1, 100, t1);
        long gaps = gateway.stats().gapEventsOpened();

        storedAndAcknowledged(m, 5, 150, t1.plusSeconds(40));

        assertThat(gateway.stats().gapEventsOpened()).isEqualTo(gaps + 1);
        assertThat(longs("SELECT first_missing FROM gap_events WHERE node_id = ?", m.node))
                .containsExactly(2L);
        assertThat(longs("SELECT last_missing FROM gap_events WHERE node_id = ?", m.node))
                .containsExactly(4L);
        assertThat(storedPages(m)).containsExactly(1L, 5L);

        storedAndAcknowledged(m, 3, 120, t1.plusSeconds(20));
        assertThat(longs("SELECT filled FROM gap_events WHERE node_id = ?", m.node))
                .containsExactly(1L);
        assertThat(acks.rejected(m.nodeId())).isEmpty();
    }
}
