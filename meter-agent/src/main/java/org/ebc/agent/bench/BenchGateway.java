package org.ebc.agent.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.ocmf.OcmfResult;
import org.ebc.ocmf.OcmfVerifier;
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
 * The benchmark's stand-in for the gateway: publishes its EAG certificate retained, notes when the node's
 * first reading arrives (verified against the node certificate), and acknowledges every reading as
 * committed. Only for {@code bench-startup}; the real gateway is {@code eag-gateway}.
 *
 * <p>Thread-safety: Paho's callback thread completes the futures; the bench thread reads them.
 */
final class BenchGateway implements AutoCloseable {
    private final MqttAsyncClient client;
    private final EagId eag;
    private final ThrowawayAuthority.Issued eagCertificate;
    private volatile ThrowawayAuthority.Issued node;
    private volatile CompletableFuture<Long> firstReading = new CompletableFuture<>();
    private long seq;

    BenchGateway(String brokerUrl, EagId eag, ThrowawayAuthority.Issued eagCertificate) throws MqttException {
        this.eag = eag;
        this.eagCertificate = eagCertificate;
        this.client = new MqttAsyncClient(brokerUrl, "bench-gateway-" + eag, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                firstReading.completeExceptionally(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        client.connect(o).waitForCompletion(10_000);
        client.publish(
                        Topics.eagCertificate(eag),
                        Pem.encode(eagCertificate.certificate()).getBytes(StandardCharsets.US_ASCII),
                        1,
                        true)
                .waitForCompletion(10_000);
        client.subscribe(Topics.allMeters(eag, Topics.MeterMessage.READING), 1).waitForCompletion(10_000);
    }

    /** Expect a new node (a new run); returns the future completed with System.nanoTime() at its first reading. */
    CompletableFuture<Long> expect(ThrowawayAuthority.Issued nodeCertificate) {
        node = nodeCertificate;
        firstReading = new CompletableFuture<>();
        return firstReading;
    }

    private void received(String topic, byte[] raw) {
        long at = System.nanoTime();
        ThrowawayAuthority.Issued n = node;
        var parsed = Topics.parseMeterTopic(topic);
        if (n == null || parsed.isEmpty()) {
            return;
        }
        OcmfResult r = OcmfVerifier.verifyThenParse(raw, n.certificate().getPublicKey());
        if (!r.isOk()) {
            firstReading.completeExceptionally(
                    new IllegalStateException("reading does not verify: " + r.reason() + " " + r.detail()));
            return;
        }
        firstReading.complete(at);
        NodeId from = parsed.get().node();
        long page = r.record().payload().page().value();
        Ack ack = new Ack(
                eag, from, ++seq, System.currentTimeMillis(), List.of(new Ack.PageRange(page, page)), List.of());
        try {
            client.publish(
                    Topics.ack(eag, from),
                    EnvelopeCodec.sign(
                            ack.payloadBytes(),
                            eagCertificate.keys().getPrivate(),
                            KeyId.of(eagCertificate.keys().getPublic())),
                    1,
                    false);
        } catch (MqttException e) {
            firstReading.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect().waitForCompletion(5000);
        } finally {
            client.close(true);
        }
    }
}
