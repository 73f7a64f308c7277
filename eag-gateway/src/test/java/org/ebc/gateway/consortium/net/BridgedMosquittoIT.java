package org.ebc.gateway.consortium.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.ebc.gateway.broker.MosquittoBridge;
import org.ebc.units.EagId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four substations, each with its own Mosquitto in its own network namespace running the shipped ebc.conf,
 * ebc.acl and the bridge configuration {@link MosquittoBridge} generates, bridged over veth links: plain
 * MQTT clients show what the consortium layer can rely on.
 */
@Timeout(120)
class BridgedMosquittoIT {
    private static final int HOSTS = 4;

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
    void closeClientsAndHeal() throws Exception {
        for (MeshClient c : clients) {
            c.close();
        }
        mesh.heal();
        mesh.awaitBridges(Duration.ofSeconds(30));
    }

    @Test
    void aConsortiumMessageReachesEverySubstationExactlyOnceAndInOrderPerPublisher() throws Exception {
        Map<Integer, MeshClient> eags = subscribedEags("ebc/v1/consortium/#");
        int perPublisher = 20;
        for (int i = 0; i < perPublisher; i++) {
            for (int k = 1; k <= HOSTS; k++) {
                eags.get(k).publish(origin(k) + "gossip", mesh.host(k).eag() + " #" + i);
            }
        }
        List<String> expected = new ArrayList<>();
        for (int k = 1; k <= HOSTS; k++) {
            for (int i = 0; i < perPublisher; i++) {
                expected.add(mesh.host(k).eag() + " #" + i);
            }
        }
        for (int k = 1; k <= HOSTS; k++) {
            MeshClient c = eags.get(k);
            await().atMost(Duration.ofSeconds(20)).until(() -> c.received().size() >= expected.size());
        }
        // A loop or a second path would show up as more copies: the counts must stay put for a while.
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> eags.values().stream().allMatch(c -> c.received().size() == expected.size()));
        for (int k = 1; k <= HOSTS; k++) {
            MeshClient c = eags.get(k);
            for (int from = 1; from <= HOSTS; from++) {
                String sender = mesh.host(from).eag().value();
                List<String> fromSender = c.payloads(origin(from));
                assertThat(fromSender)
                        .as("host %d receives what %s published, each once, in publishing order", k, sender)
                        .containsExactlyElementsOf(IntStream.range(0, perPublisher)
                                .mapToObj(i -> sender + " #" + i)
                                .toList());
            }
            assertThat(c.received()).noneMatch(MeshClient.Received::duplicateFlag);
        }
    }

    @Test
    void aNodeCannotPublishOnConsortiumTopicsAtItsOwnSubstationNorThroughTheBridges() throws Exception {
        Map<Integer, MeshClient> eags = subscribedEags("ebc/v1/consortium/#");
        MeshClient node = connect(1, mesh.pki().node("node-101"), "node-101");
        String topic = origin(1) + "commit";
        // Mosquitto acknowledges a refused publish and drops it; the allowed one published after it shows
        // that it would have arrived by now.
        node.publish(topic, "forged by node-101");
        node.publish("ebc/v1/consortium/commit", "forged by node-101");
        eags.get(1).publish(topic, "real");
        for (int k = 1; k <= HOSTS; k++) {
            MeshClient c = eags.get(k);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> c.payloads("ebc/v1/consortium/").contains("real"));
            assertThat(c.received())
                    .as("host %d", k)
                    .extracting(Object::toString)
                    .containsExactly(topic + " real");
        }
    }

    @Test
    void aPeerEagCanOnlyDeliverItsOwnConsortiumMessagesToAnotherSubstation() throws Exception {
        // What a bridge of substation 1 could do at substation 2 if its operator widened its topics: it logs
        // in with EAG eag-01's certificate, like the bridge does.
        MeshPki.Identity eag1 = mesh.host(1).eagIdentity();
        MeshPki.Identity eag2 = mesh.host(2).eagIdentity();
        MeshPki.Identity victimNode = mesh.pki().node("node-201");
        MeshClient victim = connect(2, victimNode, "node-201").subscribe("ebc/v1/eag-02/node/node-201/#");
        MeshClient home = connect(2, eag2, "eag-02-test").subscribe("ebc/v1/consortium/#");
        MeshClient meters = connect(2, eag2, "eag-02-meters").subscribe("ebc/v1/eag-02/meter/#");
        // Mosquitto 2.0 grants a subscription its ACL refuses and then delivers nothing on it; the market
        // topics, which every certificate may read, carry the fence that shows the reading would be here.
        MeshClient intruder = connect(2, eag1, "eag-01-at-02")
                .subscribe("ebc/v1/eag-02/meter/#")
                .subscribe("ebc/v1/eag-02/market/#");

        intruder.publish("ebc/v1/eag-02/node/node-201/ack", "forged ack");
        intruder.publish("ebc/v1/eag-02/market/result", "forged result");
        intruder.publish("ebc/v1/eag-02/meter/node-201/reading", "forged reading");
        intruder.publish(origin(2) + "commit", "impersonated commit");
        intruder.publish("ebc/v1/consortium/commit", "outside any origin");
        intruder.publish(origin(1) + "commit", "own");
        connect(2, victimNode, "node-201-pub").publish("ebc/v1/eag-02/meter/node-201/reading", "real reading");
        MeshClient eag2Publisher = connect(2, eag2, "eag-02-ack");
        eag2Publisher.publish("ebc/v1/eag-02/node/node-201/ack", "real ack");
        eag2Publisher.publish("ebc/v1/eag-02/market/result", "fence");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> home.payloads("ebc/v1/consortium/").contains("own"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> victim.payloads("ebc/v1/").contains("real ack"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.payloads("ebc/v1/").contains("real reading"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> intruder.payloads("ebc/v1/").contains("fence"));
        assertThat(home.received()).extracting(Object::toString).containsExactly(origin(1) + "commit own");
        assertThat(victim.received())
                .extracting(Object::toString)
                .containsExactly("ebc/v1/eag-02/node/node-201/ack real ack");
        assertThat(meters.received())
                .extracting(Object::toString)
                .containsExactly("ebc/v1/eag-02/meter/node-201/reading real reading");
        assertThat(intruder.received())
                .as("a peer EAG reads nothing of this substation's meters")
                .extracting(Object::toString)
                .containsExactly("ebc/v1/eag-02/market/result fence");
    }

    @Test
    void inATwoTwoPartitionMessagesCrossOnlyWithinEachSideAndQueuedOnesArriveOnceAfterTheHeal() throws Exception {
        Map<Integer, MeshClient> eags = subscribedEags("ebc/v1/consortium/#");
        List<Integer> left = List.of(1, 2);
        mesh.partition(left);
        long cut = System.nanoTime();
        // Published before the bridges can know: they go into TCP connections whose link is gone.
        eags.get(1).publish(origin(1) + "gossip", "left early");
        eags.get(3).publish(origin(3) + "gossip", "right early");
        mesh.awaitPartitionNoticed(left, Duration.ofSeconds(30));
        long noticed = System.nanoTime();
        // Published while the bridges know they are down: queued in the local bridge sessions.
        eags.get(1).publish(origin(1) + "gossip", "left late");
        eags.get(3).publish(origin(3) + "gossip", "right late");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> eags.get(2).payloads(origin(1)).size() == 2
                        && eags.get(4).payloads(origin(3)).size() == 2);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> eags.get(3).payloads(origin(1)).isEmpty()
                        && eags.get(4).payloads(origin(1)).isEmpty()
                        && eags.get(1).payloads(origin(3)).isEmpty()
                        && eags.get(2).payloads(origin(3)).isEmpty());

        mesh.heal();
        long healed = System.nanoTime();
        mesh.awaitBridges(Duration.ofSeconds(30));
        long reconnected = System.nanoTime();
        eags.get(1).publish(origin(1) + "gossip", "left after heal");
        eags.get(3).publish(origin(3) + "gossip", "right after heal");
        List<String> left1 = List.of("left early", "left late", "left after heal");
        List<String> right3 = List.of("right early", "right late", "right after heal");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mesh.hosts().stream()
                        .allMatch(h -> eags.get(h.index()).payloads(origin(1)).containsAll(left1)
                                && eags.get(h.index()).payloads(origin(3)).containsAll(right3)));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> mesh.hosts().stream()
                        .allMatch(h -> eags.get(h.index()).payloads(origin(1)).size() == 3
                                && eags.get(h.index()).payloads(origin(3)).size() == 3));
        System.out.printf(
                "partition 2/2: bridges noticed the cut after %d ms (keep-alive %d s), reconnected %d ms after the"
                        + " heal; QoS 1 messages published during the partition were delivered after the heal%n",
                (noticed - cut) / 1_000_000,
                NetnsMesh.TEST_TIMING.keepAlive().toSeconds(),
                (reconnected - healed) / 1_000_000);
        for (int k = 1; k <= HOSTS; k++) {
            assertThat(eags.get(k).payloads(origin(1))).as("host %d", k).containsExactlyElementsOf(left1);
            assertThat(eags.get(k).payloads(origin(3))).as("host %d", k).containsExactlyElementsOf(right3);
        }
    }

    @Test
    void aProgramStartedInAHostUsesItsBrokerUrlAndHasNoRouteOutOfTheMesh() throws Exception {
        Map<Integer, MeshClient> eags = subscribedEags("ebc/v1/consortium/#");
        MeshHost h1 = mesh.host(1);
        MeshPki.Identity eag = h1.eagIdentity();
        URI broker = URI.create(h1.brokerUrl());
        HostProcess pub = h1.start(
                "mosquitto_pub",
                List.of(
                        "mosquitto_pub",
                        "-h",
                        broker.getHost(),
                        "-p",
                        String.valueOf(broker.getPort()),
                        "--cafile",
                        h1.authorityRoot().toString(),
                        "--cert",
                        eag.certificate().toString(),
                        "--key",
                        eag.key().toString(),
                        "-q",
                        "1",
                        "-t",
                        origin(1) + "hello",
                        "-m",
                        "from a process in host 1"));
        assertThat(pub.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(pub.process().exitValue()).as(pub.errors()).isZero();
        for (int k = 1; k <= HOSTS; k++) {
            MeshClient c = eags.get(k);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> c.payloads(origin(1)).contains("from a process in host 1"));
        }
        for (MeshHost h : mesh.hosts()) {
            assertThat(Namespaces.in(h.namespace(), "route", "show", "default"))
                    .as(h.toString())
                    .isBlank();
            HostProcess probe = h.start("route-probe", List.of(Namespaces.ip(), "route", "get", "192.0.2.1"));
            assertThat(probe.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(probe.process().exitValue())
                    .as("%s routes to 192.0.2.1: %s", h, probe.output())
                    .isNotZero();
            assertThat(probe.errors()).contains("unreachable");
        }
    }

    @Test
    void namespacesAndProcessesLeftByAKilledRunAreRemovedAndOnesOfALiveRunAreKept() throws Exception {
        // No process has this pid (Linux pids stay below 2^22): the run that made this namespace is gone.
        String stale = Namespaces.PREFIX + "99999999-1";
        Namespaces.must(List.of(Namespaces.ip(), "netns", "add", stale));
        Process leftOver = new ProcessBuilder(Namespaces.ip(), "netns", "exec", stale, "sleep", "600").start();
        try {
            assertThat(Namespaces.removeStale()).containsExactly(stale);
            assertThat(leftOver.waitFor(10, TimeUnit.SECONDS))
                    .as("the process left in it is killed")
                    .isTrue();
            assertThat(Namespaces.list())
                    .doesNotContain(stale)
                    .contains(mesh.host(1).namespace());
        } finally {
            leftOver.destroyForcibly();
            Namespaces.run(List.of(Namespaces.ip(), "netns", "del", stale));
        }
    }

    private Map<Integer, MeshClient> subscribedEags(String filter) throws Exception {
        Map<Integer, MeshClient> eags = new HashMap<>();
        for (int k = 1; k <= HOSTS; k++) {
            eags.put(
                    k,
                    connect(k, mesh.host(k).eagIdentity(), mesh.host(k).eag() + "-t" + System.nanoTime())
                            .subscribe(filter));
        }
        return eags;
    }

    private MeshClient connect(int host, MeshPki.Identity who, String clientId) throws Exception {
        MeshClient c = mesh.host(host).connect(who, clientId);
        clients.add(c);
        return c;
    }

    /** Where host {@code k}'s EAG publishes its consortium messages: {@code ebc/v1/consortium/<eag>/}. */
    static String origin(int k) {
        return MosquittoBridge.originFilter(EagId.of(String.format("eag-%02d", k)))
                .replace("#", "");
    }
}
