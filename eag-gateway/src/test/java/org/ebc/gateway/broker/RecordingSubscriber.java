package org.ebc.gateway.broker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A Paho client for tests that records every message it receives as {@code topic payload}. Its list is
 * thread-safe; connect/close from the test thread only.
 */
final class RecordingSubscriber implements MqttCallback, AutoCloseable {
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicReference<Throwable> lost = new AtomicReference<>();
    private final MqttClient client;

    RecordingSubscriber(String serverUri, String clientId) throws MqttException {
        client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        client.setCallback(this);
    }

    RecordingSubscriber connect(MqttConnectOptions options) throws MqttException {
        client.connect(options);
        return this;
    }

    RecordingSubscriber subscribe(String filter) throws MqttException {
        int[] granted = client.subscribeWithResponse(filter, 1).getGrantedQos();
        if (granted[0] != 1) {
            throw new AssertionError("broker granted QoS " + granted[0] + " instead of 1 for " + filter);
        }
        return this;
    }

    MqttClient client() {
        return client;
    }

    void disconnect() throws MqttException {
        client.disconnect();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost.set(cause);
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // publishes are synchronous in these tests
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(0); // nothing is in flight when a test ends; do not wait for it
        }
        client.close();
    }
}
