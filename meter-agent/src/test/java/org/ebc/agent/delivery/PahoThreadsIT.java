package org.ebc.agent.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ebc.testing.MosquittoBroker;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paho on {@link PahoThreads} against a real Mosquitto: connects without Paho's start-up sleeps, and still works. */
class PahoThreadsIT {
    @TempDir
    Path dir;

    /**
     * Paho 1.2.5 sleeps 100 ms after starting each of its receiver, sender and callback threads, so a
     * connection takes at least 0.3 s on its own threads. The fastest of three must beat that by far (a
     * loaded machine may slow one attempt, not all three).
     */
    @Test
    void aConnectionIsUpWellBeforePahosThreeStartUpSleepsWouldHaveEnded() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "user root")) {
            long fastest = Long.MAX_VALUE;
            int wakeUps = 0;
            for (int i = 0; i < 3; i++) {
                PahoThreads threads = new PahoThreads("test-" + i);
                MqttAsyncClient c = new MqttAsyncClient(
                        broker.url(),
                        "paho-threads-" + i,
                        new MemoryPersistence(),
                        new ScheduledExecutorPingSender(threads),
                        threads);
                long start = System.nanoTime();
                c.connect(options()).waitForCompletion(10_000);
                fastest = Math.min(fastest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                wakeUps += threads.wakeUps();
                c.disconnect().waitForCompletion(5_000);
                c.close();
                threads.shutdown();
                assertThat(threads.awaitTermination(5, TimeUnit.SECONDS))
                        .as("Paho's threads end once the client is closed")
                        .isTrue();
            }

            assertThat(fastest).as("fastest connect, ms").isLessThan(200);
            assertThat(wakeUps).as("starters woken from Paho's sleep").isPositive();
        }
    }

    @Test
    void aClientOnThesePoolThreadsPublishesAndReceives() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "user root")) {
            PahoThreads threads = new PahoThreads("echo");
            MqttAsyncClient c = new MqttAsyncClient(
                    broker.url(),
                    "paho-threads-echo",
                    new MemoryPersistence(),
                    new ScheduledExecutorPingSender(threads),
                    threads);
            CompletableFuture<String> received = new CompletableFuture<>();
            c.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    received.completeExceptionally(cause);
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.complete(new String(message.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // not needed
                }
            });
            c.connect(options()).waitForCompletion(10_000);
            c.subscribe("ebc/test/echo", 1).waitForCompletion(10_000);
            c.publish("ebc/test/echo", "hello".getBytes(StandardCharsets.UTF_8), 1, false)
                    .waitForCompletion(10_000);

            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
            c.disconnect().waitForCompletion(5_000);
            c.close();
            threads.shutdown();
            assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setConnectionTimeout(10);
        return o;
    }
}
