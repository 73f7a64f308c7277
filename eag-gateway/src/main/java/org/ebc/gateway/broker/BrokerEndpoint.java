package org.ebc.gateway.broker;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the gateway's MQTT traffic goes: an {@link Embedded} broker that the gateway starts in its own
 * process, or an {@link External} one (Mosquitto at the substation, a clustered broker for bridged
 * substations). Immutable values; thread-safe.
 */
public sealed interface BrokerEndpoint {

    /**
     * The broker started in-process by {@link EmbeddedBroker}.
     *
     * @param bindAddress the loopback address the plain-TCP listener binds ({@code 127.0.0.1} by default): that
     *     listener has no authentication and serves only this machine (the gateway's own client, local tools)
     * @param port the plain-TCP port, {@code 0} to pick a free one at start
     * @param directory the broker's own folder under the gateway's data directory (config, persistence)
     * @param maxQueuedMessages QoS 1 messages the broker holds per client beyond those in flight before it
     *     discards new ones; high by default so a slow or absent gateway session does not lose readings
     * @param persistence whether sessions and queues are kept on disk across restarts
     * @param tls the TLS listener for meters on the network (client certificates from the authority, per-node
     *     topic rights), if configured
     */
    record Embedded(
            String bindAddress,
            int port,
            Path directory,
            long maxQueuedMessages,
            Persistence persistence,
            Optional<TlsListener> tls)
            implements BrokerEndpoint {
        public Embedded {
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(persistence, "persistence");
            Objects.requireNonNull(tls, "tls");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            if (maxQueuedMessages < 1) {
                throw new IllegalArgumentException("maxQueuedMessages must be positive, was " + maxQueuedMessages);
            }
        }

        /** Without a TLS listener (tests, the bench). */
        public Embedded(String bindAddress, int port, Path directory, long maxQueuedMessages, Persistence persistence) {
            this(bindAddress, port, directory, maxQueuedMessages, persistence, Optional.empty());
        }

        /** True when the plain listener is reachable only from this machine. */
        public boolean loopbackOnly() {
            return isLoopback(bindAddress);
        }
    }

    /** True for an address that only this machine can reach. */
    static boolean isLoopback(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        return a.equals("localhost") || a.startsWith("127.") || a.equals("::1") || a.equals("[::1]");
    }

    /**
     * The embedded broker's TLS listener: every client presents a certificate from the authority (a node's or
     * an EAG's), and may publish and subscribe only where {@link TopicRights} lets that identity.
     *
     * @param bindAddress the address it binds ({@code 0.0.0.0}: every interface)
     * @param port the TLS port ({@code 8883}, IANA's secure-mqtt), {@code 0} to pick a free one at start
     */
    record TlsListener(String bindAddress, int port) {
        public TlsListener {
            Objects.requireNonNull(bindAddress, "bindAddress");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
        }
    }

    /**
     * Where the embedded broker keeps sessions and queued messages. Neither is what makes a reading durable
     * (the agent keeps it in its outbox until the gateway acknowledges the SQLite commit, DESIGN §3); the
     * choice trades restart behaviour against throughput (see docs/broker.md).
     */
    enum Persistence {
        /** On disk under {@code data/}: sessions, subscriptions and queued acks survive a restart. */
        FILE,
        /** In memory: about three times the QoS 1 throughput; a restart forgets every session. */
        MEMORY
    }

    /**
     * A broker run by someone else.
     *
     * @param url {@code tcp://host:port} or {@code ssl://host:port}
     * @param tls the PEM files for {@code ssl://}; empty for {@code tcp://}
     */
    record External(URI url, Optional<TlsFiles> tls) implements BrokerEndpoint {
        public External {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(tls, "tls");
            boolean ssl = "ssl".equals(url.getScheme());
            if (ssl != tls.isPresent()) {
                throw new IllegalArgumentException(ssl ? "ssl:// needs TLS files" : "TLS files need an ssl:// url");
            }
        }

        /** The URI as Paho takes it. */
        public String serverUri() {
            return url.toString();
        }
    }

    /**
     * The PEM files for a TLS connection with a client certificate.
     *
     * @param caCertificates the authority's root (one or more certificates) that the broker's certificate
     *     must chain to
     * @param clientCertificate this gateway's certificate (optionally followed by intermediates)
     * @param clientKey the private key of that certificate (PKCS#8 or SEC1, unencrypted)
     */
    record TlsFiles(Path caCertificates, Path clientCertificate, Path clientKey) {
        public TlsFiles {
            Objects.requireNonNull(caCertificates, "caCertificates");
            Objects.requireNonNull(clientCertificate, "clientCertificate");
            Objects.requireNonNull(clientKey, "clientKey");
        }
    }
}
