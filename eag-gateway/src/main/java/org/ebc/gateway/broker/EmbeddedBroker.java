package org.ebc.gateway.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ebc.crypto.CertificateValidator;
import org.tinylog.Logger;

/**
 * An MQTT broker (HiveMQ Community Edition) running inside the gateway's process, so that one command
 * starts everything on a bench or a small site (DESIGN §3). {@link #start} returns once the listener
 * accepts TCP connections; {@link #close} stops the broker and releases its port and data folder.
 *
 * <p>Files live in the endpoint's directory: {@code conf/config.xml} and {@code conf/tls/} (regenerated at
 * every start), {@code data/} (sessions, queues, retained messages) and an empty {@code extensions/}.
 *
 * <p>Two listeners: plain TCP on loopback only (no authentication: the gateway's own client and local tools)
 * and, when configured, TLS for meters on the network, with the EAG's certificate as server certificate,
 * client certificates from the authority required, and each client's topic rights set by
 * {@link CertificateLogin} (the same rights as the site Mosquitto's ACL). HiveMQ logs through SLF4J, which the
 * gateway routes to tinylog.
 *
 * <p>Thread-safety: a started broker may be used and closed from any thread; {@link #close} is
 * idempotent.
 */
public final class EmbeddedBroker implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
    // The name HiveMQ CE counts discarded messages under (queue full, client gone): see HiveMQMetrics.
    static final String DROPPED_MESSAGES_METRIC = "com.hivemq.messages.dropped.count";

    private final EmbeddedHiveMQ hiveMq;
    private final BrokerEndpoint.Embedded endpoint;
    private final int port;
    private final int tlsPort;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedBroker(
            EmbeddedHiveMQ hiveMq, BrokerEndpoint.Embedded endpoint, int port, int tlsPort, Duration startupTime) {
        this.hiveMq = hiveMq;
        this.endpoint = endpoint;
        this.port = port;
        this.tlsPort = tlsPort;
        this.startupTime = startupTime;
    }

    /**
     * What the TLS listener needs from the gateway: its server identity and its trust.
     *
     * @param key the EAG's private key (it never leaves the gateway's process and data directory)
     * @param chain the EAG's certificate (with the host names meters dial as subjectAltName)
     * @param clients the authority's root and the live revocation list that client certificates are checked against
     * @param clock the clock validity is judged by
     */
    public record TlsIdentity(PrivateKey key, List<X509Certificate> chain, CertificateValidator clients, Clock clock) {
        public TlsIdentity {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(clients, "clients");
            Objects.requireNonNull(clock, "clock");
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("the TLS listener needs the EAG's certificate");
            }
        }
    }

    /** Starts a broker without a TLS listener ({@code endpoint.tls()} must be empty). */
    public static EmbeddedBroker start(BrokerEndpoint.Embedded endpoint) {
        return start(endpoint, Optional.empty());
    }

    /**
     * Starts the broker and waits until its listeners accept connections.
     *
     * @param tlsIdentity required when {@code endpoint.tls()} is present
     * @throws BrokerStartException if it cannot start (port in use, data folder locked by another
     *     broker, unreadable data), with the reason
     */
    public static EmbeddedBroker start(BrokerEndpoint.Embedded endpoint, Optional<TlsIdentity> tlsIdentity) {
        if (endpoint.tls().isPresent() && tlsIdentity.isEmpty()) {
            throw new IllegalArgumentException("a TLS listener needs the gateway's TLS identity");
        }
        long t0 = System.nanoTime();
        // A configured port that another process holds (Debian's Mosquitto, another gateway) is refused before
        // HiveMQ starts: HiveMQ may start without a listener it cannot bind, and a client would then reach the
        // other process on that port.
        if (endpoint.port() != 0) {
            refuseBusy(BrokerSettings.PORT, endpoint.bindAddress(), endpoint.port());
        }
        if (endpoint.tls().isPresent() && endpoint.tls().get().port() != 0) {
            refuseBusy(
                    BrokerSettings.TLS_PORT,
                    endpoint.tls().get().bindAddress(),
                    endpoint.tls().get().port());
        }
        int port = endpoint.port() == 0 ? freePort(endpoint.bindAddress()) : endpoint.port();
        int tlsPort = endpoint.tls()
                .map(t -> t.port() == 0 ? freePort(t.bindAddress()) : t.port())
                .orElse(0);
        Path conf = endpoint.directory().resolve("conf");
        Path data = endpoint.directory().resolve("data");
        Path extensions = endpoint.directory().resolve("extensions");
        ListenerKeystores stores = null;
        try {
            Files.createDirectories(conf);
            Files.createDirectories(data);
            Files.createDirectories(extensions);
            if (endpoint.tls().isPresent()) {
                TlsIdentity id = tlsIdentity.orElseThrow();
                stores = ListenerKeystores.write(
                        conf.resolve("tls"), id.key(), id.chain(), id.clients().root());
            }
            Files.writeString(
                    conf.resolve("config.xml"),
                    HiveMqConfig.xml(endpoint, port, stores, tlsPort),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BrokerStartException(
                    "cannot prepare the embedded broker's folder " + endpoint.directory() + ": " + e.getMessage(), e);
        }
        var builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                // HiveMQ's logging bootstrap assumes Logback; the gateway logs through tinylog.
                .withoutLoggingBootstrap();
        tlsIdentity.ifPresent(id -> builder.withEmbeddedExtension(
                CertificateLogin.extension(new ClientAdmission(id.clients(), id.clock()))));
        EmbeddedHiveMQ hiveMq = builder.build();
        // HiveMQ installs a JVM-wide uncaught-exception handler that calls System.exit; the gateway keeps its own.
        Thread.UncaughtExceptionHandler gatewayHandler = Thread.getDefaultUncaughtExceptionHandler();
        try {
            hiveMq.start().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitListener(endpoint.bindAddress(), port);
            if (endpoint.tls().isPresent()) {
                awaitListener(endpoint.tls().get().bindAddress(), tlsPort);
            }
        } catch (ExecutionException | TimeoutException | IOException e) {
            closeQuietly(hiveMq);
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String taken = busyPort(BrokerSettings.PORT, endpoint.bindAddress(), port);
            if (taken.isEmpty() && endpoint.tls().isPresent()) {
                taken = busyPort(BrokerSettings.TLS_PORT, endpoint.tls().get().bindAddress(), tlsPort);
            }
            throw new BrokerStartException(
                    "embedded MQTT broker did not start on " + endpoint.bindAddress() + ":" + port
                            + endpoint.tls()
                                    .map(t -> " and TLS " + t.bindAddress() + ":" + tlsPort)
                                    .orElse("")
                            + " with data in " + data + ": " + describe(cause) + taken,
                    cause,
                    !taken.isEmpty());
        } catch (InterruptedException e) {
            closeQuietly(hiveMq);
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while starting the embedded MQTT broker", e);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(gatewayHandler);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        Logger.info(
                "embedded MQTT broker listening on {}:{} (local clients){} (data {}), started in {} ms",
                endpoint.bindAddress(),
                port,
                endpoint.tls()
                        .map(t -> " and TLS " + t.bindAddress() + ":" + tlsPort + " (authority certificates)")
                        .orElse(""),
                data,
                took.toMillis());
        return new EmbeddedBroker(hiveMq, endpoint, port, tlsPort, took);
    }

    /** The port the listener accepts connections on (the chosen one when configured as 0). */
    public int port() {
        return port;
    }

    /** The TLS listener's port (the chosen one when configured as 0), or 0 without a TLS listener. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The URI local clients (the gateway's ingress, bench meters) connect to. */
    public String serverUri() {
        return "tcp://" + clientHost(endpoint.bindAddress()) + ":" + port;
    }

    public BrokerEndpoint.Embedded endpoint() {
        return endpoint;
    }

    /** Wall time from {@link #start} to an accepting listener. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Messages the broker has discarded since start (a client's queue was full, or a QoS 0 message could
     * not be delivered). Should stay 0; exported for the gateway's metrics.
     */
    public long droppedMessages() {
        return hiveMq.getMetricRegistry().counter(DROPPED_MESSAGES_METRIC).getCount();
    }

    /** Stops the broker: connected clients are disconnected, sessions and queues are kept on disk. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        try {
            hiveMq.stop().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            hiveMq.close();
        } catch (ExecutionException | TimeoutException e) {
            Logger.warn(
                    "embedded MQTT broker on port {} did not stop cleanly: {}",
                    port,
                    describe(e.getCause() == null ? e : e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Logger.warn("interrupted while stopping the embedded MQTT broker on port {}", port);
            return;
        }
        Logger.info(
                "embedded MQTT broker on port {} stopped in {} ms",
                port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    private static void awaitListener(String bindAddress, int port) throws IOException {
        // HiveMQ completes its start future after binding; this proves the listener really accepts.
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(clientHost(bindAddress), port), 5_000);
        }
    }

    /** A wildcard bind address is not something to connect to; loopback reaches it. */
    static String clientHost(String bindAddress) {
        return switch (bindAddress) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]", "0:0:0:0:0:0:0:0" -> "[::1]";
            default ->
                bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
        };
    }

    private static int freePort(String bindAddress) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(bindAddress))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + bindAddress, e);
        }
    }

    private static void refuseBusy(String key, String bindAddress, int port) {
        String busy = busyPort(key, bindAddress, port);
        if (!busy.isEmpty()) {
            throw new BrokerStartException(
                    "embedded MQTT broker cannot listen on " + bindAddress + ":" + port + busy, null, true);
        }
    }

    /** Empty if the port can be bound now, else a sentence naming the key to change. */
    private static String busyPort(String key, String bindAddress, int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(bindAddress))) {
            return s.isBound() ? "" : " (" + key + " = " + port + ": the port could not be bound)";
        } catch (IOException e) {
            return " (" + key + " = " + port + ": the port is in use by another process, perhaps another MQTT broker;"
                    + " stop it or choose another port)";
        }
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static void closeQuietly(EmbeddedHiveMQ hiveMq) {
        try {
            hiveMq.close();
        } catch (ExecutionException e) {
            Logger.debug("closing a broker that failed to start: {}", describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
