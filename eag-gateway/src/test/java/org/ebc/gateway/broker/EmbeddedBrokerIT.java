package org.ebc.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.ebc.config.Settings;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded HiveMQ CE broker, started for real on a free loopback port with a temporary data folder. */
@Timeout(120)
class EmbeddedBrokerIT {
    private static final String TOPIC = "ebc/v1/eag-it/meter/node-1/reading";

    @TempDir
    Path gatewayData;

    private BrokerSettings settings(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of(BrokerSettings.PORT, "0"));
        m.putAll(extra);
        return BrokerSettings.from(Settings.of(m), gatewayData);
    }

    private static BrokerEndpoint.Embedded embedded(BrokerSettings s) {
        return (BrokerEndpoint.Embedded) s.endpoint();
    }

    @Test
    void startsWithAGeneratedConfigDeliversAQos1MessageAndReleasesItsPortOnClose() throws Exception {
        BrokerSettings s = settings(Map.of());
        var threads = ManagementFactory.getThreadMXBean();
        int threadsBefore = threads.getThreadCount();
        System.gc();
        long heapBefore = usedHeap();
        int port;
        try (EmbeddedBroker broker = EmbeddedBroker.start(embedded(s))) {
            port = broker.port();
            int threadsAfter = threads.getThreadCount();
            System.gc();
            long heapAfter = usedHeap();
            System.out.printf(
                    "embedded HiveMQ CE: started in %d ms, +%d threads (%d live), +%d MiB heap after GC%n",
                    broker.startupTime().toMillis(),
                    threadsAfter - threadsBefore,
                    threadsAfter,
                    (heapAfter - heapBefore) >> 20);

            assertThat(broker.port()).isPositive();
            assertThat(broker.serverUri()).isEqualTo("tcp://127.0.0.1:" + broker.port());
            Path config = gatewayData.resolve("broker/conf/config.xml");
            assertThat(Files.readString(config)).contains("<port>" + broker.port() + "</port>");
            assertThat(gatewayData.resolve("broker/data")).isDirectory();

            try (RecordingSubscriber sub = new RecordingSubscriber(broker.serverUri(), "gateway-ingress")) {
                sub.connect(MqttClientOptions.connectOptions(s)).subscribe("ebc/v1/eag-it/meter/+/reading");
                MqttClient pub = new MqttClient(broker.serverUri(), "node-1", new MemoryPersistence());
                pub.connect(MqttClientOptions.connectOptions(s));
                pub.publish(TOPIC, "T1".getBytes(StandardCharsets.UTF_8), 1, false);
                pub.disconnect();
                pub.close();
                await().atMost(Duration.ofSeconds(10)).until(() -> sub.received.contains(TOPIC + " T1"));
            }
            assertThat(broker.droppedMessages()).isZero();
        }
        assertThatThrownBy(() -> {
                    try (Socket probe = new Socket()) {
                        probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                    }
                })
                .isInstanceOf(ConnectException.class);
        try (ServerSocket rebind = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(rebind.getLocalPort()).isEqualTo(port);
        }
    }

    /**
     * The gateway's pattern: a reading comes in, the gateway answers with an ack. With Nagle's algorithm on,
     * the ack (written right after the PUBACK) waits for a delayed TCP ACK: ~50 ms per round trip measured
     * here, against a few ms with {@link org.ebc.wire.NoDelaySockets}. 30 ms separates the two with margin.
     */
    @Test
    void aReadingAndItsAckMakeTheRoundTripWithoutWaitingForDelayedTcpAcks() throws Exception {
        BrokerSettings s = settings(Map.of());
        try (EmbeddedBroker broker = EmbeddedBroker.start(embedded(s))) {
            MqttClient gateway = new MqttClient(broker.serverUri(), "gateway-ingress", new MemoryPersistence());
            MqttClient node = new MqttClient(broker.serverUri(), "node-1", new MemoryPersistence());
            try {
                gateway.connect(MqttClientOptions.connectOptions(s));
                node.connect(MqttClientOptions.connectOptions(s));
                BlockingQueue<String> acks = new LinkedBlockingQueue<>();
                gateway.subscribe(
                        "ebc/v1/eag-it/meter/+/reading",
                        1,
                        (topic, m) -> gateway.publish("ebc/v1/eag-it/node/node-1/ack", m.getPayload(), 1, false));
                node.subscribe(
                        "ebc/v1/eag-it/node/node-1/ack",
                        1,
                        (topic, m) -> acks.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
                long[] micros = new long[31];
                for (int i = -5; i < micros.length; i++) { // the first five warm up
                    long t0 = System.nanoTime();
                    node.publish(TOPIC, ("T" + i).getBytes(StandardCharsets.UTF_8), 1, false);
                    assertThat(acks.poll(10, TimeUnit.SECONDS)).isEqualTo("T" + i);
                    if (i >= 0) {
                        micros[i] = (System.nanoTime() - t0) / 1_000;
                    }
                }
                Arrays.sort(micros);
                System.out.printf(
                        "embedded HiveMQ CE: reading -> ack round trip median %.1f ms, max %.1f ms%n",
                        micros[micros.length / 2] / 1e3, micros[micros.length - 1] / 1e3);
                assertThat(micros[micros.length / 2])
                        .as("median round trip in µs")
                        .isLessThan(30_000);
            } finally {
                gateway.disconnect();
                node.disconnect();
                gateway.close();
                node.close();
            }
        }
    }

    @Test
    void aPersistentSessionGetsWhatWasPublishedWhileItWasAwayEvenAcrossABrokerRestart() throws Exception {
        BrokerSettings s = settings(Map.of(BrokerSettings.PERSISTENCE, "file"));
        int port;
        try (EmbeddedBroker broker = EmbeddedBroker.start(embedded(s))) {
            port = broker.port();
            try (RecordingSubscriber sub = new RecordingSubscriber(broker.serverUri(), "gateway-ingress")) {
                sub.connect(MqttClientOptions.connectOptions(s)).subscribe("ebc/v1/eag-it/meter/#");
                sub.disconnect();
            }
            MqttClient pub = new MqttClient(broker.serverUri(), "node-1", new MemoryPersistence());
            pub.connect(MqttClientOptions.connectOptions(s));
            for (int i = 1; i <= 50; i++) {
                pub.publish(TOPIC, ("T" + i).getBytes(StandardCharsets.UTF_8), 1, false);
            }
            pub.disconnect();
            pub.close();
        }
        // Same folder, same port: the queued messages come from the broker's file persistence.
        BrokerSettings again = BrokerSettings.from(
                Settings.of(Map.of(BrokerSettings.PORT, Integer.toString(port), BrokerSettings.PERSISTENCE, "file")),
                gatewayData);
        try (EmbeddedBroker broker = EmbeddedBroker.start(embedded(again));
                RecordingSubscriber sub = new RecordingSubscriber(broker.serverUri(), "gateway-ingress")) {
            sub.connect(MqttClientOptions.connectOptions(again)); // no subscribe: the session remembers it
            String[] expected =
                    IntStream.rangeClosed(1, 50).mapToObj(i -> TOPIC + " T" + i).toArray(String[]::new);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(sub.received).containsExactly(expected));
        }
    }

    @Test
    void aPortInUseIsReportedWithThePort() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BrokerSettings s = settings(Map.of(BrokerSettings.PORT, Integer.toString(squatter.getLocalPort())));
            // A configuration problem (the gateway's run exits with 2, which its unit does not restart on).
            assertThatThrownBy(() -> EmbeddedBroker.start(embedded(s)))
                    .isInstanceOfSatisfying(
                            BrokerStartException.class,
                            e -> assertThat(e.isConfiguration()).isTrue())
                    .hasMessageContaining("127.0.0.1:" + squatter.getLocalPort())
                    .hasMessageContaining("broker.port = " + squatter.getLocalPort())
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void aSecondBrokerOnTheSameDataFolderIsRefusedWhenItKeepsFilesThere() throws Exception {
        BrokerSettings s = settings(Map.of(BrokerSettings.PERSISTENCE, "file"));
        try (EmbeddedBroker first = EmbeddedBroker.start(embedded(s))) {
            assertThatThrownBy(() -> EmbeddedBroker.start(embedded(s)))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining(gatewayData.resolve("broker/data").toString());
            // the first one is unharmed
            MqttClient c = new MqttClient(first.serverUri(), "probe", new MemoryPersistence());
            MqttConnectOptions o = MqttClientOptions.connectOptions(s);
            c.connect(o);
            assertThat(c.isConnected()).isTrue();
            c.disconnect();
            c.close();
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
