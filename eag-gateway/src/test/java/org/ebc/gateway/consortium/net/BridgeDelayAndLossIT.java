package org.ebc.gateway.consortium.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bridges under link delay and loss, injected by the harness's {@link LinkProxy} (this kernel has no
 * {@code tc netem}). Prints the latencies it measures; {@code -Debc.bench.samples=N} takes more samples
 * for docs/benchmarks.md. Speed is printed, never asserted: what is asserted is delivery, and that the
 * injected delay is really there.
 */
@Timeout(120)
class BridgeDelayAndLossIT {
    private static final int HOSTS = 4;
    private static final long LINK_DELAY_MS = 50;

    @TempDir
    static Path dir;

    private static NetnsMesh mesh;
    private final List<MeshClient> clients = new ArrayList<>();

    @BeforeAll
    static void startFourBridgedSubstations() throws Exception {
        mesh = NetnsMesh.start(dir, HOSTS);
    }

    @AfterAll
    static void removeTheNamespaces() {
        if (mesh != null) {
            mesh.close();
        }
    }

    @AfterEach
    void closeClientsAndRestoreTheLinks() throws Exception {
        for (MeshClient c : clients) {
            c.close();
        }
        mesh.delayAll(0);
        for (int a = 1; a <= HOSTS; a++) {
            for (int b = a + 1; b <= HOSTS; b++) {
                mesh.blackhole(a, b, false);
            }
        }
        mesh.awaitBridges(Duration.ofSeconds(30));
    }

    @Test
    void withFiftyMillisecondsOfDelayOnEveryLinkMessagesStillArriveFiftyMillisecondsLater() throws Exception {
        int samples = Integer.getInteger("ebc.bench.samples", 100);
        MeshClient publisher = eag(1, "pub");
        MeshClient local = eag(1, "sub").subscribe("ebc/v1/consortium/#");
        MeshClient peer = eag(2, "sub").subscribe("ebc/v1/consortium/#");

        long[][] plain = measure(publisher, local, peer, "plain", samples);
        mesh.delayAll(LINK_DELAY_MS);
        long[][] delayed = measure(publisher, local, peer, "delayed", Math.max(20, samples / 4));

        System.out.printf(
                "bridge latency, QoS 1, TLS, publish at host 1 until delivery (ms): %d/%d samples%n",
                samples, delayed[0].length);
        print("0 hops (same broker), no delay   ", plain[0]);
        print("1 bridge hop, no delay           ", plain[1]);
        print("0 hops (same broker), 50 ms links", delayed[0]);
        print("1 bridge hop, 50 ms links        ", delayed[1]);
        System.out.printf(
                "added by 50 ms of one-way link delay across one hop: %.1f ms (p50)%n",
                (percentile(delayed[1], 50) - percentile(plain[1], 50)) / 1e6);
        assertThat(Arrays.stream(delayed[1]).min().orElseThrow())
                .as("every message across the delayed link took at least the link delay (ns)")
                .isGreaterThanOrEqualTo(LINK_DELAY_MS * 1_000_000);
    }

    @Test
    void whenABridgeConnectionIsDroppedTheBridgeReconnectsAndNoQoS1MessageIsLost() throws Exception {
        MeshClient publisher = eag(1, "pub");
        MeshClient peer = eag(2, "sub").subscribe("ebc/v1/consortium/#");
        MeshClient other = eag(3, "sub").subscribe("ebc/v1/consortium/#");
        String topic = BridgedMosquittoIT.origin(1) + "gossip";
        int changes = mesh.bridgeStateChanges(1, 2);
        for (int i = 0; i < 50; i++) {
            publisher.publish(topic, "m" + i);
        }
        long drop = System.nanoTime();
        mesh.dropConnections(1, 2);
        for (int i = 50; i < 100; i++) {
            publisher.publish(topic, "m" + i);
        }
        mesh.awaitBridgeReconnected(1, 2, changes, Duration.ofSeconds(20));
        long reconnected = System.nanoTime();
        for (int i = 100; i < 150; i++) {
            publisher.publish(topic, "m" + i);
        }
        List<String> all = IntStream.range(0, 150).mapToObj(i -> "m" + i).toList();
        await().atMost(Duration.ofSeconds(20)).until(() -> peer.payloads(topic).containsAll(all));
        await().atMost(Duration.ofSeconds(10)).until(() -> other.payloads(topic).containsAll(all));
        List<String> got = peer.payloads(topic);
        System.out.printf(
                "dropped bridge connection 1-2: reconnected after %d ms; host 2 received %d copies of 150 messages"
                        + " (%d duplicates), in publishing order: %s%n",
                (reconnected - drop) / 1_000_000, got.size(), got.size() - all.size(), got.equals(all));
        assertThat(other.payloads(topic))
                .as("host 3, whose link was not touched")
                .containsExactlyElementsOf(all);
        assertThat(got).as("host 2 after the drop: nothing lost").containsAll(all);
    }

    @Test
    void aLinkThatSwallowsEverythingIsNoticedByKeepAliveAndItsQoS1MessagesAreSentAgainAfterwards() throws Exception {
        MeshClient publisher = eag(1, "pub");
        MeshClient peer = eag(2, "sub").subscribe("ebc/v1/consortium/#");
        MeshClient other = eag(3, "sub").subscribe("ebc/v1/consortium/#");
        String topic = BridgedMosquittoIT.origin(1) + "gossip";
        List<String> all = IntStream.range(0, 10).mapToObj(i -> "lost" + i).toList();
        mesh.blackhole(1, 2, true);
        long stall = System.nanoTime();
        for (String m : all) {
            publisher.publish(topic, m);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> other.payloads(topic).containsAll(all));
        // The bytes went into the black hole: TCP delivered them to the proxy, the broker never saw them.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !mesh.bridgeUp(1, 2));
        long noticed = System.nanoTime();
        assertThat(peer.payloads(topic)).as("nothing crossed the black hole").isEmpty();
        int changes = mesh.bridgeStateChanges(1, 2);
        mesh.blackhole(1, 2, false);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> mesh.bridgeUp(1, 2) && mesh.bridgeStateChanges(1, 2) > changes);
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.payloads(topic).containsAll(all));
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> peer.payloads(topic).size() == all.size());
        System.out.printf(
                "black-holed link 1-2: host 2's broker dropped the silent bridge after %d ms (keep-alive %d s); the"
                        + " %d QoS 1 messages swallowed were sent again after reconnecting%n",
                (noticed - stall) / 1_000_000, NetnsMesh.TEST_TIMING.keepAlive().toSeconds(), all.size());
        assertThat(peer.payloads(topic)).containsExactlyElementsOf(all);
    }

    /** Sequential QoS 1 publishes; per message, nanoseconds from just before publish to arrival at each subscriber. */
    private static long[][] measure(MeshClient publisher, MeshClient local, MeshClient peer, String run, int n)
            throws Exception {
        String topic = BridgedMosquittoIT.origin(1) + "latency/" + run;
        Map<String, Long> sent = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String payload = run + " " + i;
            sent.put(payload, System.nanoTime());
            publisher.publish(topic, payload);
            // One message at a time, so that no sample waits behind another in a queue.
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> peer.payloads(topic).size() >= expected
                            && local.payloads(topic).size() >= expected);
        }
        return new long[][] {latencies(local, topic, sent), latencies(peer, topic, sent)};
    }

    private static long[] latencies(MeshClient c, String topic, Map<String, Long> sent) {
        return c.received().stream()
                .filter(r -> r.topic().equals(topic))
                .mapToLong(r -> r.nanoTime() - sent.get(r.payload()))
                .toArray();
    }

    private static void print(String what, long[] nanos) {
        System.out.printf(
                "  %s  p50 %7.2f  p90 %7.2f  p99 %7.2f  max %7.2f%n",
                what,
                percentile(nanos, 50) / 1e6,
                percentile(nanos, 90) / 1e6,
                percentile(nanos, 99) / 1e6,
                Arrays.stream(nanos).max().orElseThrow() / 1e6);
    }

    private static double percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))];
    }

    private MeshClient eag(int host, String role) throws Exception {
        MeshClient c = mesh.host(host)
                .connect(mesh.host(host).eagIdentity(), mesh.host(host).eag() + "-" + role);
        clients.add(c);
        return c;
    }
}
