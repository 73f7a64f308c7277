package org.ebc.gateway.consortium.net;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.ebc.config.Settings;
import org.ebc.gateway.broker.BrokerSettings;
import org.ebc.gateway.broker.MqttClientOptions;
import org.ebc.units.EagId;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * One substation of a {@link NetnsMesh}: a network namespace with its own Mosquitto (the shipped ebc.conf,
 * ACL and generated bridge configuration), its EAG identity, and the programs a test starts in it.
 *
 * <p>Inside the namespace the broker is {@link #brokerUrl()} ({@code ssl://127.0.0.1:8883}); that is what a
 * gateway started there with {@link #start} is configured with. From the test JVM (root namespace) the same
 * broker is {@link #accessUrl()}: a loopback port forwarded over a Unix socket into the namespace, so no IP
 * route joins the root namespace to any host. Not thread-safe: drive it from the test thread.
 */
public final class MeshHost {
    /** The broker's port inside the namespace (the shipped listener's port). */
    public static final int BROKER_PORT = 8883;

    private final int index;
    private final EagId eag;
    private final String namespace;
    private final Path dir;
    private final MeshPki pki;
    private final List<HostProcess> processes = new CopyOnWriteArrayList<>();
    private final Map<Integer, String> addresses;
    private HostProcess broker;
    private Process proxy;
    private PrintStream proxyIn;
    private BufferedReader proxyOut;
    private String accessUrl = "";

    MeshHost(int index, EagId eag, String namespace, Path dir, MeshPki pki, Map<Integer, String> addresses) {
        this.index = index;
        this.eag = eag;
        this.namespace = namespace;
        this.dir = dir;
        this.pki = pki;
        this.addresses = Map.copyOf(addresses);
    }

    /** 1-based. */
    public int index() {
        return index;
    }

    /** This substation's EAG id ({@code eag-01} for host 1). */
    public EagId eag() {
        return eag;
    }

    public String namespace() {
        return namespace;
    }

    /** This host's folder: etc/ (certificates, ACL), conf.d/ (ebc.conf, ebc-bridge.conf), logs, process output. */
    public Path dir() {
        return dir;
    }

    /** The broker as programs inside this namespace reach it. */
    public String brokerUrl() {
        return "ssl://127.0.0.1:" + BROKER_PORT;
    }

    /** The broker as the test JVM reaches it. */
    public String accessUrl() {
        return accessUrl;
    }

    /** This host's address on its link to host {@code peer}. */
    public String address(int peer) {
        String a = addresses.get(peer);
        if (a == null) {
            throw new IllegalArgumentException("host " + index + " has no link to host " + peer);
        }
        return a;
    }

    /** The authority's root certificate (trust anchor for the broker, the bridges and clients). */
    public Path authorityRoot() {
        return pki.root();
    }

    /** This host's EAG certificate and key (the gateway's identity, also used by the broker's bridges). */
    public MeshPki.Identity eagIdentity() {
        return pki.eag(eag.value());
    }

    /** The broker's log file (Mosquitto's log_dest). */
    public Path brokerLog() {
        return dir.resolve("mosquitto.log");
    }

    /**
     * Starts {@code command} inside this host's namespace, stdout to {@code <dir>/<name>.out} and stderr to
     * {@code <dir>/<name>.err}, with {@code environment} added to this JVM's. The mesh stops it on close.
     */
    public HostProcess start(String name, List<String> command, Map<String, String> environment) throws IOException {
        List<String> full = new ArrayList<>(List.of(Namespaces.ip(), "netns", "exec", namespace));
        full.addAll(command);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(full)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(environment);
        HostProcess p = new HostProcess(name, full, out, err, pb.start());
        processes.add(p);
        return p;
    }

    public HostProcess start(String name, List<String> command) throws IOException {
        return start(name, command, Map.of());
    }

    /** Starts {@code java ARGS} (this JVM's java) in the namespace, e.g. {@code -jar eag-gateway.jar run --config …}. */
    public HostProcess startJava(String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary()));
        cmd.addAll(args);
        return start(name, cmd);
    }

    /** Connects a Paho client from the test JVM as {@code who} (clean session). */
    public MeshClient connect(MeshPki.Identity who, String clientId) throws MqttException {
        MeshClient c = MeshClient.create(accessUrl, clientId);
        c.paho().connect(options(who));
        return c;
    }

    /** Connect options for {@code who} from the gateway's own option factory (clean session). */
    public MqttConnectOptions options(MeshPki.Identity who) {
        BrokerSettings s = BrokerSettings.from(
                Settings.of(Map.of(
                        BrokerSettings.MODE,
                        "external",
                        BrokerSettings.URL,
                        accessUrl,
                        BrokerSettings.TLS_CA,
                        pki.root().toString(),
                        BrokerSettings.TLS_CERT,
                        who.certificate().toString(),
                        BrokerSettings.TLS_KEY,
                        who.key().toString(),
                        BrokerSettings.CONNECT_TIMEOUT,
                        "5s",
                        BrokerSettings.KEEPALIVE,
                        "5s")),
                dir);
        MqttConnectOptions o = MqttClientOptions.connectOptions(s);
        o.setCleanSession(true);
        return o;
    }

    /** The broker process (Mosquitto in this namespace). */
    public HostProcess broker() {
        return broker;
    }

    /** Starts Mosquitto with this host's main config; its persistence survives a stop and start. */
    public void startBroker() throws IOException {
        if (broker != null && broker.isAlive()) {
            throw new IllegalStateException("the broker of host " + index + " is running");
        }
        broker = start(
                "mosquitto",
                List.of(
                        NetnsMesh.mosquitto(),
                        "-c",
                        dir.resolve("mosquitto.conf").toString()));
    }

    /** SIGKILL to the broker: it loses what it had not saved (autosave) and its bridges drop. */
    public void kill9Broker() throws InterruptedException {
        broker.kill9();
    }

    /** SIGTERM to the broker: it saves its persistence file first. */
    public void stopBroker() throws InterruptedException {
        broker.stop(10);
    }

    void startProxy(Path classes) throws IOException {
        List<String> cmd = List.of(
                Namespaces.ip(),
                "netns",
                "exec",
                namespace,
                javaBinary(),
                "-Xmx32m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classes.toString(),
                LinkProxy.class.getName());
        proxy = new ProcessBuilder(cmd)
                .redirectError(dir.resolve("proxy.err").toFile())
                .start();
        proxyIn = new PrintStream(proxy.getOutputStream(), true, StandardCharsets.UTF_8);
        proxyOut = new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8));
        String ready = proxyOut.readLine();
        if (!"ok ready".equals(ready)) {
            throw new IOException("the link proxy of host " + index + " did not start (" + ready + "): "
                    + Files.readString(dir.resolve("proxy.err")));
        }
    }

    /** Sends one command to this host's link proxy; returns its answer or fails with it. */
    synchronized String proxy(String command) {
        proxyIn.println(command);
        String answer;
        try {
            answer = proxyOut.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (answer == null || !answer.startsWith("ok ")) {
            throw new IllegalStateException("link proxy of host " + index + ": " + command + " -> " + answer);
        }
        return answer;
    }

    void accessUrl(String url) {
        this.accessUrl = url;
    }

    /** Stops every program of this host (the broker last), then the proxy. */
    void stopAll() {
        for (HostProcess p : processes) {
            if (p != broker) {
                p.close();
            }
        }
        if (broker != null) {
            broker.close();
        }
        if (proxy != null && proxy.isAlive()) {
            proxyIn.println("quit");
            try {
                if (!proxy.waitFor(2, TimeUnit.SECONDS)) {
                    proxy.destroyForcibly();
                }
            } catch (InterruptedException e) {
                proxy.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A client of this broker, as the home EAG, subscribed to the states of the peers' bridges into it (their
     * wills say 0 as soon as this broker drops one); waits for the broker to accept connections.
     */
    MeshClient watchIncomingBridges() {
        MeshHost h = this;
        MeshClient[] holder = new MeshClient[1];
        // The broker takes a moment to open its listener; until then the forwarded connection is closed.
        await("broker of " + h + " accepting")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    try {
                        holder[0] = h.connect(h.eagIdentity(), h.eag() + "-bridge-watch");
                        return true;
                    } catch (MqttException notYet) {
                        if (!h.broker().isAlive()) {
                            throw new AssertionError("mosquitto of " + h + " exited: "
                                    + h.broker().errors() + "\n" + Files.readString(h.brokerLog()));
                        }
                        return false;
                    }
                });
        try {
            return holder[0].subscribe("ebc/v1/+/bridge/" + h.eag() + "/state");
        } catch (MqttException e) {
            throw new IllegalStateException("cannot watch the bridges of " + h + ": " + e, e);
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public String toString() {
        return "host " + index + " (" + eag + ", " + namespace + ")";
    }
}
