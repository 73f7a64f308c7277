package org.ebc.gateway.consortium.net;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;
import org.ebc.gateway.broker.MosquittoBridge;
import org.ebc.testing.MosquittoBroker;
import org.ebc.units.EagId;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * N substations on one machine: each a Linux network namespace ({@code ebcns-<pid>-<k>}) with its own
 * Mosquitto running the shipped configuration and the bridges {@link MosquittoBridge} generates, joined by
 * a full mesh of veth links (one point-to-point link per pair, its own /24, no forwarding, no default
 * route: traffic between two hosts crosses their link or nothing). Every bridge connection enters its peer
 * through that peer's {@link LinkProxy} (a child JVM in the peer's namespace listening on the link address,
 * port 8883, forwarding to the broker on the peer's loopback), which is where delay, black-holing and
 * dropped connections are injected.
 *
 * <p>Use: {@code try (NetnsMesh mesh = NetnsMesh.start(dir, 4)) {…}}. {@link #close()} (and a shutdown hook
 * if the JVM is stopped first) kills every process and deletes the namespaces and their links; namespaces
 * left by a killed earlier run are removed at start. Needs root and iproute2; fails (never skips) without.
 * Not thread-safe.
 */
public final class NetnsMesh implements AutoCloseable {
    /** Fast enough for tests: a silent link is noticed within ~10 s, a healed one used within ~2 s. */
    public static final MosquittoBridge.Timing TEST_TIMING =
            new MosquittoBridge.Timing(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(2));

    private final Path dir;
    private final MeshPki pki;
    private final List<MeshHost> hosts = new ArrayList<>();
    private final Map<Integer, MeshClient> watchers = new HashMap<>();
    private final LinkProxy access = new LinkProxy();
    private final Thread hook = new Thread(this::cleanUp, "netns-mesh-cleanup");
    private boolean closed;

    private NetnsMesh(Path dir) {
        this.dir = dir;
        this.pki = new MeshPki(dir.resolve("pki"));
    }

    /** Starts {@code n} bridged substations with {@link #TEST_TIMING}; returns when every bridge is up. */
    public static NetnsMesh start(Path dir, int n) throws IOException {
        return start(dir, n, TEST_TIMING);
    }

    public static NetnsMesh start(Path dir, int n, MosquittoBridge.Timing timing) throws IOException {
        if (n < 2 || n > 60) {
            throw new IllegalArgumentException("a mesh has 2 to 60 hosts, not " + n);
        }
        Namespaces.ip();
        mosquitto();
        Namespaces.requireRootAndNetns();
        Namespaces.removeStale();
        NetnsMesh mesh = new NetnsMesh(dir);
        Runtime.getRuntime().addShutdownHook(mesh.hook);
        try {
            mesh.build(n, timing);
            mesh.awaitBridges(Duration.ofSeconds(30));
            return mesh;
        } catch (IOException | RuntimeException | Error e) {
            mesh.close();
            throw e;
        }
    }

    /** Host {@code k}, 1-based. */
    public MeshHost host(int k) {
        if (k < 1 || k > hosts.size()) {
            throw new IllegalArgumentException("no host " + k + " in a mesh of " + hosts.size());
        }
        return hosts.get(k - 1);
    }

    public List<MeshHost> hosts() {
        return List.copyOf(hosts);
    }

    public int size() {
        return hosts.size();
    }

    /** The consortium's authority: EAG and node certificates for clients and gateways. */
    public MeshPki pki() {
        return pki;
    }

    /** Cuts the link between hosts {@code a} and {@code b} (both veth ends down: their routes to each other go). */
    public void linkDown(int a, int b) {
        Namespaces.in(host(a).namespace(), "link", "set", device(b), "down");
        Namespaces.in(host(b).namespace(), "link", "set", device(a), "down");
    }

    /** Restores the link between {@code a} and {@code b}. */
    public void linkUp(int a, int b) {
        Namespaces.in(host(a).namespace(), "link", "set", device(b), "up");
        Namespaces.in(host(b).namespace(), "link", "set", device(a), "up");
    }

    /** Cuts every link between {@code side} and the other hosts; links within each side stay. */
    public void partition(Collection<Integer> side) {
        Set<Integer> s = Set.copyOf(side);
        for (int a = 1; a <= size(); a++) {
            for (int b = a + 1; b <= size(); b++) {
                if (s.contains(a) != s.contains(b)) {
                    linkDown(a, b);
                }
            }
        }
    }

    /** Brings every link up. */
    public void heal() {
        for (int a = 1; a <= size(); a++) {
            for (int b = a + 1; b <= size(); b++) {
                linkUp(a, b);
            }
        }
    }

    /** One-way delay on the link {@code a}–{@code b}, both directions, for bytes sent from now on. */
    public void delay(int a, int b, long millis) {
        host(b).proxy("delay from-" + a + " " + millis);
        host(a).proxy("delay from-" + b + " " + millis);
    }

    /** The same one-way delay on every link. */
    public void delayAll(long millis) {
        forEachLink((a, b) -> delay(a, b, millis));
    }

    /** Swallows every byte on the link (connections stay open: the bridges notice only by keep-alive). */
    public void blackhole(int a, int b, boolean on) {
        String state = on ? "on" : "off";
        host(b).proxy("blackhole from-" + a + " " + state);
        host(a).proxy("blackhole from-" + b + " " + state);
    }

    /** Resets the bridge connections on the link (both directions), discarding the bytes in flight. */
    public void dropConnections(int a, int b) {
        host(b).proxy("drop from-" + a);
        host(a).proxy("drop from-" + b);
    }

    /**
     * True while host {@code to}'s broker holds host {@code from}'s bridge connected (the bridge's state as
     * the receiving broker sees it: 1 on connect, 0 from its will when the broker drops it).
     */
    public boolean bridgeUp(int from, int to) {
        String topic = MosquittoBridge.stateTopic(host(from).eag(), host(to).eag());
        List<MeshClient.Received> r = watchers.get(to).received();
        for (int i = r.size() - 1; i >= 0; i--) {
            if (r.get(i).topic().equals(topic)) {
                return r.get(i).payload().equals("1");
            }
        }
        return false;
    }

    /** How many state changes of host {@code from}'s bridge host {@code to}'s broker has reported so far. */
    public int bridgeStateChanges(int from, int to) {
        String topic = MosquittoBridge.stateTopic(host(from).eag(), host(to).eag());
        return (int) watchers.get(to).received().stream()
                .filter(r -> r.topic().equals(topic))
                .count();
    }

    /**
     * Waits until host {@code to}'s broker has seen host {@code from}'s bridge go down and come back after
     * the first {@code changesBefore} state changes ({@link #bridgeStateChanges}, taken before the fault).
     */
    public void awaitBridgeReconnected(int from, int to, int changesBefore, Duration atMost) {
        String topic = MosquittoBridge.stateTopic(host(from).eag(), host(to).eag());
        try {
            await("bridge " + from + " -> " + to + " down and up again")
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        List<String> states = watchers.get(to).received().stream()
                                .filter(r -> r.topic().equals(topic))
                                .map(MeshClient.Received::payload)
                                .toList();
                        List<String> since = states.subList(Math.min(changesBefore, states.size()), states.size());
                        int down = since.indexOf("0");
                        return down >= 0 && since.subList(down, since.size()).contains("1");
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + diagnostics(), e);
        }
    }

    /** Waits until every bridge of every host is connected. */
    public void awaitBridges(Duration atMost) {
        try {
            await("every bridge connected")
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> allBridges(true));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + diagnostics(), e);
        }
    }

    /** The bridge states as each broker reports them, and the end of each broker's log: for failure messages. */
    public String diagnostics() {
        StringBuilder out = new StringBuilder("bridge states (from -> to: up?):\n");
        for (int a = 1; a <= size(); a++) {
            for (int b = 1; b <= size(); b++) {
                if (a != b) {
                    out.append("  ")
                            .append(a)
                            .append(" -> ")
                            .append(b)
                            .append(": ")
                            .append(bridgeUp(a, b));
                }
            }
            out.append('\n');
        }
        for (MeshHost h : hosts) {
            out.append("--- end of ").append(h.brokerLog()).append(":\n");
            try {
                List<String> lines = Files.readAllLines(h.brokerLog());
                lines.subList(Math.max(0, lines.size() - 25), lines.size())
                        .forEach(l -> out.append("  ").append(l).append('\n'));
            } catch (IOException e) {
                out.append("  (").append(e).append(")\n");
            }
        }
        return out.toString();
    }

    /** Waits until each bridge across the cut made by {@link #partition(Collection) partition(side)} is down. */
    public void awaitPartitionNoticed(Collection<Integer> side, Duration atMost) {
        Set<Integer> s = Set.copyOf(side);
        try {
            await("bridges across the partition noticed down")
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        for (int a = 1; a <= size(); a++) {
                            for (int b = 1; b <= size(); b++) {
                                if (a != b && s.contains(a) != s.contains(b) && bridgeUp(a, b)) {
                                    return false;
                                }
                            }
                        }
                        return true;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + diagnostics(), e);
        }
    }

    private boolean allBridges(boolean up) {
        for (int a = 1; a <= size(); a++) {
            for (int b = 1; b <= size(); b++) {
                if (a != b && bridgeUp(a, b) != up) {
                    return false;
                }
            }
        }
        return true;
    }

    private void build(int n, MosquittoBridge.Timing timing) throws IOException {
        for (int k = 1; k <= n; k++) {
            String ns = Namespaces.name(k);
            Namespaces.must(List.of(Namespaces.ip(), "netns", "add", ns));
            Namespaces.in(ns, "link", "set", "lo", "up");
            Map<Integer, String> addresses = new HashMap<>();
            for (int peer = 1; peer <= n; peer++) {
                if (peer != k) {
                    addresses.put(peer, linkAddress(k, peer));
                }
            }
            hosts.add(new MeshHost(k, eagId(k), ns, Files.createDirectories(dir.resolve("h" + k)), pki, addresses));
        }
        forEachLink((a, b) -> {
            // Both ends are created directly in their namespaces: nothing appears in the root namespace.
            Namespaces.must(List.of(
                    Namespaces.ip(),
                    "link",
                    "add",
                    device(b),
                    "netns",
                    host(a).namespace(),
                    "type",
                    "veth",
                    "peer",
                    "name",
                    device(a),
                    "netns",
                    host(b).namespace()));
            Namespaces.in(host(a).namespace(), "addr", "add", linkAddress(a, b) + "/24", "dev", device(b));
            Namespaces.in(host(b).namespace(), "addr", "add", linkAddress(b, a) + "/24", "dev", device(a));
        });
        heal();
        Path classes = classesOf(LinkProxy.class);
        for (MeshHost h : hosts) {
            SubstationConfig.write(h, hosts, pki, timing);
            h.startProxy(classes);
            for (int peer = 1; peer <= n; peer++) {
                if (peer != h.index()) {
                    h.proxy("listen from-" + peer + " tcp:" + h.address(peer) + ":" + MeshHost.BROKER_PORT
                            + " tcp:127.0.0.1:" + MeshHost.BROKER_PORT);
                }
            }
            Path socket = h.dir().resolve("access.sock");
            h.proxy("listen access unix:" + socket + " tcp:127.0.0.1:" + MeshHost.BROKER_PORT);
            InetSocketAddress bound = (InetSocketAddress) access.listen(
                    "access-" + h.index(), new InetSocketAddress("127.0.0.1", 0), UnixDomainSocketAddress.of(socket));
            h.accessUrl("ssl://127.0.0.1:" + bound.getPort());
            h.startBroker();
        }
        for (MeshHost h : hosts) {
            watchers.put(h.index(), h.watchIncomingBridges());
        }
    }

    @Override
    public void close() {
        cleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        for (MeshClient w : watchers.values()) {
            try {
                w.close();
            } catch (MqttException ignored) {
                // the broker is going away anyway
            }
        }
        for (MeshHost h : hosts) {
            h.stopAll();
        }
        access.close();
        for (MeshHost h : hosts) {
            Namespaces.remove(h.namespace());
        }
    }

    static String mosquitto() {
        return MosquittoBroker.executable();
    }

    static EagId eagId(int k) {
        return EagId.of(String.format("eag-%02d", k));
    }

    /** Host {@code a}'s address on link {@code a}–{@code b}: {@code 10.<lower>.<higher>.<a>}. */
    static String linkAddress(int a, int b) {
        return "10." + Math.min(a, b) + "." + Math.max(a, b) + "." + a;
    }

    /** The veth device in a host's namespace that leads to host {@code peer}. */
    static String device(int peer) {
        return "to" + peer;
    }

    private void forEachLink(LinkAction action) {
        for (int a = 1; a <= hosts.size(); a++) {
            for (int b = a + 1; b <= hosts.size(); b++) {
                action.apply(a, b);
            }
        }
    }

    @FunctionalInterface
    private interface LinkAction {
        void apply(int a, int b);
    }

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
