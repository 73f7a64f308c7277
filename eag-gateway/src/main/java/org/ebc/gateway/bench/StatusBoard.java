package org.ebc.gateway.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ebc.units.EagId;
import org.ebc.wire.Topics;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The latest status message of every agent, as the bench's summary shows them: subscribes to
 * {@code ebc/v1/<eag>/meter/+/status} (retained, QoS 0, published by each agent every few seconds).
 *
 * <p>Thread-safe: messages arrive on Paho's callback thread, {@link #latest()} is read by the summary.
 */
public final class StatusBoard implements AutoCloseable {
    private final MqttClient client;
    private final Map<String, MeterStatus> latest = new ConcurrentHashMap<>();
    private final Map<String, Instant> receivedAt = new ConcurrentHashMap<>();
    private final AtomicLong malformed = new AtomicLong();
    private final Clock clock;

    private StatusBoard(MqttClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Connects to the broker and subscribes; the broker must be up. */
    public static StatusBoard open(String brokerUri, EagId eag, Clock clock) throws MqttException {
        MqttClient c = new MqttClient(
                brokerUri, "ebc-bench-status-" + ProcessHandle.current().pid(), new MemoryPersistence());
        StatusBoard board = new StatusBoard(c, clock);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(true);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        c.connect(o);
        c.subscribe(Topics.allMeters(eag, Topics.MeterMessage.STATUS), 0, (topic, m) -> board.accept(m.getPayload()));
        return board;
    }

    private void accept(byte[] payload) {
        MeterStatus.parse(payload)
                .ifPresentOrElse(
                        s -> {
                            latest.put(s.node(), s);
                            receivedAt.put(s.node(), clock.instant());
                        },
                        malformed::incrementAndGet);
    }

    /** The latest status per node, by node id. */
    public Map<String, MeterStatus> latest() {
        return new TreeMap<>(latest);
    }

    /** Nodes whose status arrived within {@code window} and that say they are connected to the broker. */
    public int online(Duration window) {
        Instant since = clock.instant().minus(window);
        int n = 0;
        for (Map.Entry<String, MeterStatus> e : latest.entrySet()) {
            Instant r = receivedAt.get(e.getKey());
            if (r != null && r.isAfter(since) && e.getValue().connected()) {
                n++;
            }
        }
        return n;
    }

    /** Status messages that could not be read. */
    public long malformed() {
        return malformed.get();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close();
        } catch (MqttException e) {
            // The broker may already be gone when the bench stops; nothing to release beyond the client.
        }
    }
}
