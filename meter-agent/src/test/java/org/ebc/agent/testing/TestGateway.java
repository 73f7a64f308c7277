package org.ebc.agent.testing;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.ocmf.OcmfResult;
import org.ebc.ocmf.OcmfVerifier;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wire.Ack;
import org.ebc.wire.Topics;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A small stand-in for the gateway, written independently of the agent's code: it publishes a real EAG
 * certificate (from a {@link TestAuthority}) retained, verifies every reading with {@link OcmfVerifier}
 * against the node's certificate key, remembers every (page, payload) it received (in memory: the test JVM
 * outlives every agent it kills), and answers each reading with a signed {@link Ack}: committed, or
 * rejected for the pages the test asks it to reject. It records every problem it sees (bad signature,
 * a page received with two different payloads) for the test to assert on. For the trading tests it also
 * records every order and payment message a node publishes, and signs and publishes what the test scripts
 * (market rules, receipts, bills, balance notices, co-signature and resend requests) with the EAG's key.
 *
 * <p>Thread-safe: Paho's callback thread writes, the test thread reads.
 */
public final class TestGateway implements AutoCloseable {
    private final EagId eag;
    private final TestAuthority.Issued eagCertificate;
    private final Map<NodeId, PublicKey> nodeKeys;
    private final Map<NodeId, Ledger> ledgers = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Set<Long> rejectPages = ConcurrentHashMap.newKeySet();
    private final Map<NodeId, String> statuses = new ConcurrentHashMap<>();
    private final Map<NodeId, String> certificates = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final MqttAsyncClient client;
    private final Map<NodeId, List<byte[]>> orders = new ConcurrentHashMap<>();
    private final Map<NodeId, List<byte[]>> payments = new ConcurrentHashMap<>();
    private volatile boolean acking = true;
    private volatile BiConsumer<NodeId, byte[]> onOrder = (n, b) -> {};
    private volatile BiConsumer<NodeId, byte[]> onPayment = (n, b) -> {};

    /** What the gateway received from one node. */
    public static final class Ledger {
        /** First payload received for each page. */
        public final ConcurrentSkipListMap<Long, byte[]> pages = new ConcurrentSkipListMap<>();
        /** Parsed payload for each page. */
        public final ConcurrentSkipListMap<Long, OcmfPayload> payloads = new ConcurrentSkipListMap<>();
        /** Pages in arrival order, duplicates included. */
        public final List<Long> arrivals = new CopyOnWriteArrayList<>();
    }

    private TestGateway(
            EagId eag, TestAuthority.Issued eagCertificate, Map<NodeId, PublicKey> nodeKeys, MqttAsyncClient client) {
        this.eag = eag;
        this.eagCertificate = eagCertificate;
        this.nodeKeys = Map.copyOf(nodeKeys);
        this.client = client;
    }

    /** Connects, publishes the EAG certificate retained and subscribes to every node's readings. */
    public static TestGateway start(
            String brokerUrl, TestAuthority authority, EagId eag, Map<NodeId, PublicKey> nodeKeys)
            throws MqttException {
        TestGateway g = startWithoutCertificate(brokerUrl, authority, eag, nodeKeys);
        g.publishCertificate();
        return g;
    }

    /** Publishes the EAG certificate retained (once more, or for the first time). */
    public void publishCertificate() throws MqttException {
        client.publish(
                        Topics.eagCertificate(eag),
                        Pem.encode(eagCertificate.certificate()).getBytes(StandardCharsets.US_ASCII),
                        1,
                        true)
                .waitForCompletion(10_000);
    }

    /**
     * A gateway whose certificate (valid, same authority) names {@code certifiedAs}, but which publishes that
     * certificate and its acknowledgements on {@code eag}'s topics: what a node must not believe.
     */
    public static TestGateway startImpersonating(
            String brokerUrl, TestAuthority authority, EagId certifiedAs, EagId eag, Map<NodeId, PublicKey> nodeKeys)
            throws MqttException {
        TestGateway g = connect(brokerUrl, eag, authority.eag(certifiedAs.value()), nodeKeys);
        g.publishCertificate();
        return g;
    }

    /** Like {@link #start} but the certificate is published only when the test calls {@link #publishCertificate}. */
    public static TestGateway startWithoutCertificate(
            String brokerUrl, TestAuthority authority, EagId eag, Map<NodeId, PublicKey> nodeKeys)
            throws MqttException {
        return connect(brokerUrl, eag, authority.eag(eag.value()), nodeKeys);
    }

    private static TestGateway connect(
            String brokerUrl, EagId eag, TestAuthority.Issued certificate, Map<NodeId, PublicKey> nodeKeys)
            throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(brokerUrl, "test-gateway-" + eag, new MemoryPersistence());
        TestGateway g = new TestGateway(eag, certificate, nodeKeys, c);
        c.setCallback(g.new Callbacks());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setMaxInflight(10_000);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(1000);
        c.connect(o).waitForCompletion(10_000);
        c.subscribe(
                        new String[] {
                            Topics.allMeters(eag, Topics.MeterMessage.READING),
                            Topics.allMeters(eag, Topics.MeterMessage.STATUS),
                            Topics.allMeters(eag, Topics.MeterMessage.CERTIFICATE),
                            Topics.allMeters(eag, Topics.MeterMessage.ORDER),
                            Topics.allMeters(eag, Topics.MeterMessage.PAYMENT)
                        },
                        new int[] {1, 0, 1, 1, 1})
                .waitForCompletion(10_000);
        return g;
    }

    public TestAuthority.Issued eagCertificate() {
        return eagCertificate;
    }

    public EagId eag() {
        return eag;
    }

    /** Signs a payload with the EAG's key, as the gateway signs everything it sends. */
    public byte[] sign(byte[] payload) {
        return EnvelopeCodec.sign(
                payload,
                eagCertificate.keys().getPrivate(),
                KeyId.of(eagCertificate.keys().getPublic()));
    }

    /** Publishes at QoS 1 and waits for the broker's PUBACK. */
    public void publish(String topic, byte[] message, boolean retained) throws MqttException {
        client.publish(topic, message, 1, retained).waitForCompletion(10_000);
    }

    /** Publishes at QoS 1 without waiting (from inside {@link #onOrder} or {@link #onPayment}, on Paho's thread). */
    public void send(String topic, byte[] message) {
        try {
            client.publish(topic, message, 1, false);
        } catch (MqttException e) {
            problems.add("test gateway could not publish on " + topic + ": " + e);
        }
    }

    /** Every order a node published, in arrival order (re-publications included). */
    public List<byte[]> orders(NodeId node) {
        return orders.computeIfAbsent(node, n -> new CopyOnWriteArrayList<>());
    }

    /** Every transfer and co-signature a node published, in arrival order. */
    public List<byte[]> payments(NodeId node) {
        return payments.computeIfAbsent(node, n -> new CopyOnWriteArrayList<>());
    }

    /** Called on Paho's thread for every order (after it is recorded): a scripted market answers here. */
    public void onOrder(BiConsumer<NodeId, byte[]> f) {
        onOrder = f;
    }

    /** Called on Paho's thread for every payment message (after it is recorded). */
    public void onPayment(BiConsumer<NodeId, byte[]> f) {
        onPayment = f;
    }

    /** Answer these pages with a rejection instead of a commit. */
    public void reject(long... pages) {
        for (long p : pages) {
            rejectPages.add(p);
        }
    }

    /** Stop or resume acknowledging (readings are still recorded). */
    public void acknowledge(boolean on) {
        acking = on;
    }

    public Ledger ledger(NodeId node) {
        return ledgers.computeIfAbsent(node, n -> new Ledger());
    }

    public List<String> problems() {
        return new ArrayList<>(problems);
    }

    /** The last status JSON a node published, or null. */
    public String lastStatus(NodeId node) {
        return statuses.get(node);
    }

    /** The certificate PEM a node published, or null. */
    public String certificate(NodeId node) {
        return certificates.get(node);
    }

    private void reading(NodeId node, byte[] raw) {
        PublicKey key = nodeKeys.get(node);
        if (key == null) {
            problems.add("reading from unknown node " + node);
            return;
        }
        OcmfResult r = OcmfVerifier.verifyThenParse(raw, key);
        if (!r.isOk()) {
            problems.add("node " + node + ": record refused: " + r.reason() + " " + r.detail());
            return;
        }
        OcmfPayload p = r.record().payload();
        long page = p.page().value();
        if (!p.gatewaySerial().equals(node.value())) {
            problems.add("node " + node + " page " + page + " carries GS=" + p.gatewaySerial());
        }
        Ledger l = ledger(node);
        byte[] earlier = l.pages.putIfAbsent(page, raw);
        if (earlier != null && !Arrays.equals(earlier, raw)) {
            problems.add("node " + node + " page " + page + " was signed twice with different payloads");
        }
        l.payloads.putIfAbsent(page, p);
        l.arrivals.add(page);
        if (!acking) {
            return;
        }
        Ack ack = rejectPages.contains(page)
                ? new Ack(
                        eag,
                        node,
                        seq.incrementAndGet(),
                        System.currentTimeMillis(),
                        List.of(),
                        List.of(new Ack.Rejection(
                                page, "TEST_REJECTED", "the test gateway was told to reject page " + page)))
                : new Ack(
                        eag,
                        node,
                        seq.incrementAndGet(),
                        System.currentTimeMillis(),
                        List.of(new Ack.PageRange(page, page)),
                        List.of());
        byte[] envelope = EnvelopeCodec.sign(
                ack.payloadBytes(),
                eagCertificate.keys().getPrivate(),
                KeyId.of(eagCertificate.keys().getPublic()));
        try {
            client.publish(Topics.ack(eag, node), envelope, 1, false);
        } catch (MqttException e) {
            problems.add("test gateway could not publish ack for page " + page + ": " + e);
        }
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5000);
            }
        } finally {
            client.close(true);
        }
    }

    private final class Callbacks implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            // automatic reconnect is on; the agent re-publishes whatever was not acknowledged
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Topics.parseMeterTopic(topic).ifPresent(t -> {
                switch (t.kind()) {
                    case READING -> reading(t.node(), message.getPayload());
                    case STATUS -> statuses.put(t.node(), new String(message.getPayload(), StandardCharsets.UTF_8));
                    case CERTIFICATE ->
                        certificates.put(t.node(), new String(message.getPayload(), StandardCharsets.US_ASCII));
                    case ORDER -> {
                        orders(t.node()).add(message.getPayload());
                        onOrder.accept(t.node(), message.getPayload());
                    }
                    case PAYMENT -> {
                        payments(t.node()).add(message.getPayload());
                        onPayment.accept(t.node(), message.getPayload());
                    }
                    default -> {}
                }
            });
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
    }
}
