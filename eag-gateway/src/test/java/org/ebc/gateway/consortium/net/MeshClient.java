package org.ebc.gateway.consortium.net;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A plain Paho MQTT client of one host's broker, in the test JVM, that records every message it receives
 * with the {@link System#nanoTime()} of its arrival. Its record is thread-safe; connect, subscribe, publish
 * and close from one thread.
 */
public final class MeshClient implements MqttCallback, AutoCloseable {
    /** One received message. */
    public record Received(String topic, String payload, boolean duplicateFlag, long nanoTime) {
        @Override
        public String toString() {
            return topic + " " + payload;
        }
    }

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> lost = new AtomicReference<>();

    MeshClient(MqttClient client) {
        this.client = client;
        client.setCallback(this);
    }

    static MeshClient create(String url, String clientId) throws MqttException {
        return new MeshClient(new MqttClient(url, clientId, new MemoryPersistence()));
    }

    MqttClient paho() {
        return client;
    }

    /** Subscribes with QoS 1 and fails unless the broker grants QoS 1 (a refused filter comes back as 128). */
    public MeshClient subscribe(String filter) throws MqttException {
        int granted = client.subscribeWithResponse(filter, 1).getGrantedQos()[0];
        if (granted != 1) {
            throw new AssertionError("broker granted QoS " + granted + " instead of 1 for " + filter);
        }
        return this;
    }

    /** Publishes with QoS 1, not retained; returns after the broker's PUBACK. */
    public void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** Everything received so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The payloads received on topics starting with {@code prefix}, in arrival order. */
    public List<String> payloads(String prefix) {
        return received.stream()
                .filter(r -> r.topic().startsWith(prefix))
                .map(Received::payload)
                .toList();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Why the connection was lost, if it was. */
    public Throwable lost() {
        return lost.get();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        received.add(new Received(
                topic,
                new String(message.getPayload(), StandardCharsets.UTF_8),
                message.isDuplicate(),
                System.nanoTime()));
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost.set(cause);
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // publishes are synchronous
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(0);
        }
        client.close();
    }
}
