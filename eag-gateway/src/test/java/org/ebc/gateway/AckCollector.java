package org.ebc.gateway;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wire.Ack;
import org.ebc.wire.Topics;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The agents' side of acknowledgements, for integration tests: takes the EAG certificate from its
 * retained topic, checks that it chains to the authority, and accepts only acknowledgements whose
 * envelope verifies with that certificate's key. Everything else is counted as forged.
 */
public final class AckCollector implements AutoCloseable {
    private final MqttClient client;
    private final CertificateValidator authority;
    private volatile PublicKey eagKey;
    private volatile KeyId eagKeyId;
    private final Map<NodeId, List<Ack>> acks = new ConcurrentHashMap<>();
    private final AtomicInteger unverified = new AtomicInteger();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    public AckCollector(String brokerUri, EagId eag, CertificateValidator authority) throws Exception {
        this.authority = authority;
        this.client = new MqttClient(brokerUri, "ack-collector-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        client.connect(o);
        client.subscribe(
                Topics.eagCertificate(eag),
                1,
                (topic, m) ->
                        acceptCertificate(new String(m.getPayload(), java.nio.charset.StandardCharsets.US_ASCII)));
        client.subscribe(Topics.ROOT + "/" + eag + "/node/+/ack", 1, (topic, m) -> acceptAck(m.getPayload()));
    }

    private void acceptCertificate(String pem) {
        Optional<List<X509Certificate>> chain = Pem.parseCertificates(pem);
        if (chain.isEmpty()
                || !authority
                        .check(chain.get(), Instant.now(), CertificateRole.EAG)
                        .isValid()) {
            problems.add("EAG certificate on its topic does not chain to the authority");
            return;
        }
        eagKeyId = KeyId.of(chain.get().get(0).getPublicKey());
        eagKey = chain.get().get(0).getPublicKey();
    }

    private void acceptAck(byte[] wire) {
        EnvelopeResult r =
                EnvelopeCodec.verify(wire, id -> id.equals(eagKeyId) ? Optional.ofNullable(eagKey) : Optional.empty());
        Optional<Ack> ack = r.isOk() ? Ack.fromEnvelope(r.envelope()) : Optional.empty();
        if (ack.isEmpty()) {
            unverified.incrementAndGet();
            problems.add("acknowledgement refused: " + r.reason() + " " + r.detail());
            return;
        }
        acks.computeIfAbsent(ack.get().node(), n -> new CopyOnWriteArrayList<>())
                .add(ack.get());
    }

    public boolean hasEagCertificate() {
        return eagKey != null;
    }

    /** Every page acknowledged as committed to this node. */
    public Set<Long> committed(NodeId node) {
        Set<Long> pages = new TreeSet<>();
        for (Ack a : acks.getOrDefault(node, List.of())) {
            for (Ack.PageRange r : a.committed()) {
                for (long p = r.first(); p <= r.last(); p++) {
                    pages.add(p);
                }
            }
        }
        return pages;
    }

    public List<Ack.Rejection> rejected(NodeId node) {
        List<Ack.Rejection> out = new ArrayList<>();
        for (Ack a : acks.getOrDefault(node, List.of())) {
            out.addAll(a.rejected());
        }
        return out;
    }

    public List<Ack> acks(NodeId node) {
        return List.copyOf(acks.getOrDefault(node, List.of()));
    }

    public int unverified() {
        return unverified.get();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() throws org.eclipse.paho.client.mqttv3.MqttException {
        if (client.isConnected()) {
            client.disconnect(100);
        }
        client.close(true);
    }
}
