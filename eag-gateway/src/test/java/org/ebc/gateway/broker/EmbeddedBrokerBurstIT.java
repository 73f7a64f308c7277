package org.ebc.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.ebc.config.Settings;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof that the embedded broker loses nothing under a QoS 1 burst: N Paho publishers (one per simulated
 * meter) each publish M numbered readings as fast as their in-flight window allows, one persistent-session
 * QoS 1 subscriber (the gateway's ingress) must receive every (publisher, sequence) pair. Prints msg/s.
 */
class EmbeddedBrokerBurstIT {
    // The size of a signed OCMF reading is about this; the payload starts with "<publisher>:<sequence>:".
    private static final int PAYLOAD_BYTES = 400;

    @TempDir
    Path gatewayData;

    @Test
    @Timeout(120)
    void tenPublishersTimesOneThousandQos1MessagesAllArrive() throws Exception {
        burst(10, 1_000, "file");
    }

    @Test
    @Timeout(180)
    void tenPublishersTimesTenThousandQos1MessagesAllArrive() throws Exception {
        burst(10, 10_000, "file");
    }

    @Test
    @Timeout(180)
    void tenPublishersTimesTenThousandQos1MessagesAllArriveWithAnInMemoryBroker() throws Exception {
        burst(10, 10_000, "memory");
    }

    private void burst(int publishers, int perPublisher, String persistence) throws Exception {
        BrokerSettings settings = BrokerSettings.from(
                Settings.of(Map.of(BrokerSettings.PORT, "0", BrokerSettings.PERSISTENCE, persistence)), gatewayData);
        try (EmbeddedBroker broker = EmbeddedBroker.start((BrokerEndpoint.Embedded) settings.endpoint())) {
            Ingress ingress = new Ingress(publishers, perPublisher);
            MqttClient sub = new MqttClient(broker.serverUri(), "gateway-ingress", new MemoryPersistence());
            sub.setCallback(ingress);
            sub.connect(MqttClientOptions.connectOptions(settings));
            sub.subscribeWithResponse("ebc/v1/eag-bench/meter/+/reading", 1).waitForCompletion();

            ExecutorService pool = Executors.newFixedThreadPool(publishers);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            long t0 = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int publisher = p;
                running.add(pool.submit(() -> {
                    publishAll(broker.serverUri(), settings, publisher, perPublisher, failures);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            long published = System.nanoTime() - t0;
            pool.shutdown();

            long total = (long) publishers * perPublisher;
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> ingress.distinct() == total || !failures.isEmpty() || ingress.lost.get() != null);
            long received = System.nanoTime() - t0;
            sub.disconnect();
            sub.close();

            assertThat(failures).as("publish failures").isEmpty();
            assertThat(ingress.lost.get()).as("ingress connection lost").isNull();
            assertThat(ingress.missing())
                    .as("(publisher, sequence) pairs never delivered")
                    .isEmpty();
            assertThat(broker.droppedMessages())
                    .as("messages HiveMQ counted as dropped")
                    .isZero();
            System.out.printf(
                    "HiveMQ CE embedded burst (%s persistence): %d publishers x %d QoS 1 msgs (%d B) -> all %d received, "
                            + "%d duplicates; publish done in %d ms, last delivery at %d ms: %.0f msg/s end to end%n",
                    persistence,
                    publishers,
                    perPublisher,
                    PAYLOAD_BYTES,
                    total,
                    ingress.duplicates.get(),
                    published / 1_000_000,
                    received / 1_000_000,
                    total / (received / 1e9));
        }
    }

    private static void publishAll(
            String uri, BrokerSettings settings, int publisher, int count, ConcurrentLinkedQueue<Throwable> failures)
            throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(uri, "node-" + publisher, new MemoryPersistence());
        MqttConnectOptions options = MqttClientOptions.connectOptions(settings);
        client.connect(options).waitForCompletion();
        // Paho refuses a publish beyond its in-flight window; the semaphore keeps us inside it.
        Semaphore window = new Semaphore(options.getMaxInflight());
        IMqttActionListener release = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                failures.add(exception);
                window.release();
            }
        };
        String topic = "ebc/v1/eag-bench/meter/node-" + publisher + "/reading";
        for (int seq = 0; seq < count; seq++) {
            window.acquire();
            MqttMessage m = new MqttMessage(payload(publisher, seq));
            m.setQos(1);
            client.publish(topic, m, null, release);
        }
        window.acquire(options.getMaxInflight()); // every PUBACK is in
        client.disconnect().waitForCompletion();
        client.close();
    }

    private static byte[] payload(int publisher, int seq) {
        byte[] b = new byte[PAYLOAD_BYTES];
        Arrays.fill(b, (byte) 'x');
        byte[] head = (publisher + ":" + seq + ":").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    /** Stands in for the gateway's ingress: records which (publisher, sequence) pairs arrived. */
    private static final class Ingress implements MqttCallback {
        private final BitSet[] seen;
        private final int perPublisher;
        private final AtomicLong distinct = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicReference<Throwable> lost = new AtomicReference<>();

        Ingress(int publishers, int perPublisher) {
            this.perPublisher = perPublisher;
            seen = new BitSet[publishers];
            for (int i = 0; i < publishers; i++) {
                seen[i] = new BitSet(perPublisher);
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            String text = new String(message.getPayload(), 0, 24, StandardCharsets.US_ASCII);
            String[] parts = text.split(":", 3);
            int publisher = Integer.parseInt(parts[0]);
            int seq = Integer.parseInt(parts[1]);
            synchronized (seen[publisher]) {
                if (seen[publisher].get(seq)) {
                    duplicates.incrementAndGet();
                } else {
                    seen[publisher].set(seq);
                    distinct.incrementAndGet();
                }
            }
        }

        long distinct() {
            return distinct.get();
        }

        List<String> missing() {
            List<String> out = new ArrayList<>();
            for (int p = 0; p < seen.length; p++) {
                synchronized (seen[p]) {
                    for (int s = seen[p].nextClearBit(0);
                            s < perPublisher && out.size() < 20;
                            s = seen[p].nextClearBit(s + 1)) {
                        out.add("node-" + p + "#" + s);
                    }
                }
            }
            return out;
        }

        @Override
        public void connectionLost(Throwable cause) {
            lost.set(cause);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // the ingress does not publish here
        }
    }
}
