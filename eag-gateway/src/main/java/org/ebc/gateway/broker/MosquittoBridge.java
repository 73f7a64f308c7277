package org.ebc.gateway.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.ebc.config.ConfigException;
import org.ebc.gateway.authority.AuthorityRegistry;
import org.ebc.gateway.authority.IssuedEntry;
import org.ebc.units.EagId;
import org.ebc.wire.Topics;

/**
 * Writes the Mosquitto bridge configuration that joins one substation's broker to the brokers of its peer
 * substations, and the ACL lines a broker needs for its peers' bridges. Stateless; thread-safe.
 *
 * <p>The layout (docs/broker.md, "Bridging substations"):
 * <ul>
 *   <li>A <b>full mesh of push bridges</b>: every substation's broker opens one bridge to every peer and
 *       pushes only what its own EAG published, {@code ebc/v1/consortium/<own eag>/#}, QoS 1. Nothing is
 *       pulled and nothing is relayed, so a message crosses exactly one bridge and cannot loop: the origin
 *       prefix in the topic is the loop prevention (Mosquitto has no message ids to detect loops with).</li>
 *   <li>Each bridge logs in to the peer with the EAG's own certificate (CN = EAG id); the peer's ACL
 *       ({@link #peerAclSection}) lets that identity publish under its own origin prefix and its bridge state,
 *       nothing else.</li>
 *   <li>Persistent sessions on both ends ({@code cleansession false}, {@code local_cleansession false}), so
 *       QoS 1 messages published while a peer is unreachable wait in the local bridge queue.</li>
 *   <li>The bridge's state ({@code 1} connected, {@code 0} not) is published, retained, under
 *       {@code ebc/v1/<own eag>/bridge/<peer>/state} ({@link #stateTopic}) on both brokers. The peer's copy is
 *       the reliable one: {@code 0} there is the bridge's will, published by the peer when it drops the
 *       bridge (keep-alive, reset). The local copy is written {@code 0} only once, at start (Mosquitto 2.0),
 *       so after the first connect it keeps saying {@code 1}, through partitions too.</li>
 * </ul>
 */
public final class MosquittoBridge {
    /** Where the shipped ebc.conf keeps the authority's files; the bridge's identity sits beside them. */
    public static final Path SHIPPED_DIR = Path.of("/etc/mosquitto/ebc");

    /** The default MQTT-over-TLS port of a substation broker (ebc.conf's listener). */
    public static final int DEFAULT_PORT = 8883;

    /** MQTT's single-level wildcard, for ACL lines that cover every peer. */
    private static final String ANY = "+";

    private MosquittoBridge() {}

    /**
     * One peer substation.
     *
     * @param eag the peer's EAG id (its certificate's CN)
     * @param host the address its broker is reached at; must be in that broker's certificate
     *     (subjectAltName), since the bridge checks the host name
     * @param port its broker's TLS port
     */
    public record Peer(EagId eag, String host, int port) {
        public Peer {
            Objects.requireNonNull(eag, "eag");
            Objects.requireNonNull(host, "host");
            if (host.isBlank() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '#')) {
                throw new IllegalArgumentException("peer " + eag + ": bad broker host '" + host + "'");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("peer " + eag + ": bad broker port " + port);
            }
        }
    }

    /**
     * The files the bridge presents and trusts: the authority's root (to check the peer broker's certificate)
     * and this substation's EAG certificate and key (the bridge's identity at the peer).
     */
    public record IdentityFiles(Path authorityRoot, Path certificate, Path key) {
        public IdentityFiles {
            Objects.requireNonNull(authorityRoot, "authorityRoot");
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }

        /** The shipped places: {@code /etc/mosquitto/ebc/ca.crt} and {@code /etc/mosquitto/ebc/bridge/<eag>.crt|.key}. */
        public static IdentityFiles shipped(EagId self) {
            Path bridge = SHIPPED_DIR.resolve("bridge");
            return new IdentityFiles(
                    SHIPPED_DIR.resolve("ca.crt"), bridge.resolve(self + ".crt"), bridge.resolve(self + ".key"));
        }
    }

    /**
     * How fast a bridge notices a dead link and comes back.
     *
     * @param keepAlive MQTT keep-alive of the bridge connection (whole seconds, at least 5, Mosquitto's
     *     minimum); a link that silently stops carrying packets is noticed after about 1.5 to 2 times this
     * @param restartBase first wait before reconnecting after a failure (whole seconds, at least 1)
     * @param restartCap longest wait between reconnect attempts (Mosquitto's decorrelated-jitter backoff)
     */
    public record Timing(Duration keepAlive, Duration restartBase, Duration restartCap) {
        /** What the shipped example uses: a dead link is noticed within ~30 s, a healed one used within 15 s. */
        public static final Timing SHIPPED =
                new Timing(Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(15));

        public Timing {
            if (keepAlive.toSeconds() < 5) {
                throw new IllegalArgumentException("bridge keep-alive must be at least 5 s, not " + keepAlive);
            }
            if (restartBase.toSeconds() < 1 || restartCap.compareTo(restartBase) < 0) {
                throw new IllegalArgumentException(
                        "bridge restart backoff needs 1 s <= base <= cap, not " + restartBase + " .. " + restartCap);
            }
        }
    }

    /** Topic filter under which {@code origin}'s EAG publishes its consortium messages: {@code ebc/v1/consortium/<origin>/#}. */
    public static String originFilter(EagId origin) {
        return Topics.consortium(origin, "#");
    }

    /**
     * Where the bridge from substation {@code from}'s broker to substation {@code to}'s reports its state, on
     * both brokers: {@code ebc/v1/<from>/bridge/<to>/state}.
     */
    public static String stateTopic(EagId from, EagId to) {
        return stateTopic(from.value(), to.value());
    }

    private static String stateTopic(String from, String to) {
        return Topics.ROOT + "/" + from + "/bridge/" + to + "/state";
    }

    /**
     * The peers of {@code self} from the authority's registry: every EAG with a current certificate at
     * {@code at} other than {@code self}, each at the broker address {@code addresses} gives for it.
     *
     * @throws ConfigException naming {@code addressKey} and the EAG if an EAG of the registry has no address,
     *     or if an address names an EAG that the authority does not know (a typo would silently drop a peer)
     */
    public static List<Peer> peersFrom(
            AuthorityRegistry registry, EagId self, Map<EagId, Peer> addresses, Instant at, String addressKey) {
        Map<EagId, Peer> peers = new TreeMap<>();
        for (IssuedEntry e : registry.eags()) {
            EagId id = EagId.of(e.id());
            if (id.equals(self)
                    || peers.containsKey(id)
                    || registry.current(e.id(), at).isEmpty()) {
                continue;
            }
            Peer p = addresses.get(id);
            if (p == null) {
                throw new ConfigException(addressKey + "." + id, "", "no broker address for consortium member " + id);
            }
            peers.put(id, p);
        }
        for (EagId named : addresses.keySet()) {
            if (!peers.containsKey(named) && !named.equals(self)) {
                throw new ConfigException(
                        addressKey + "." + named,
                        addresses.get(named).host(),
                        "the authority has no current EAG certificate for " + named);
            }
        }
        return List.copyOf(peers.values());
    }

    /**
     * The bridge configuration of substation {@code self} (a drop-in for {@code /etc/mosquitto/conf.d/}),
     * one {@code connection} per peer, in peer-id order.
     */
    public static String config(EagId self, List<Peer> peers, IdentityFiles files, Timing timing) {
        List<Peer> sorted = new ArrayList<>(peers);
        sorted.sort(Comparator.comparing(Peer::eag));
        StringBuilder out = new StringBuilder();
        out.append("""
                # ebc — Mosquitto bridges of substation %1$s to its peer substations (generated by
                # org.ebc.gateway.broker.MosquittoBridge; install as /etc/mosquitto/conf.d/ebc-bridge.conf next to
                # ebc.conf, then: systemctl restart mosquitto). docs/broker.md, "Bridging substations", explains it.
                #
                # Full mesh of push bridges: this broker opens one bridge to every peer and pushes only what EAG %1$s
                # publishes, under ebc/v1/consortium/%1$s/. Each peer does the same towards this broker, so every
                # consortium message crosses exactly one bridge. Nothing is pulled and nothing is forwarded again:
                # a message received from a peer (under that peer's prefix) never matches an outgoing topic line,
                # which is what prevents loops and duplicates (Mosquitto has no message ids to detect them).
                # Each bridge logs in to the peer with this EAG's certificate; the peer's ACL lets it publish only
                # under ebc/v1/consortium/%1$s/.
                """.formatted(self));
        for (Peer p : sorted) {
            if (p.eag().equals(self)) {
                throw new IllegalArgumentException("substation " + self + " cannot bridge to itself");
            }
            out.append(connection(self, p, files, timing));
        }
        return out.toString();
    }

    private static String connection(EagId self, Peer p, IdentityFiles files, Timing timing) {
        return """

                # --- to peer %2$s ---
                connection ebc-%2$s
                # The peer's broker; the bridge checks that its certificate names this address (bridge_insecure false).
                address %3$s:%4$d
                # TLS 1.2 or newer (Mosquitto 2.0 reads this as the minimum), trusting only the authority's root.
                bridge_cafile %5$s
                bridge_tls_version tlsv1.2
                bridge_insecure false
                # This EAG's own certificate and key: the peer's broker takes the CN (%1$s) as the user name.
                bridge_certfile %6$s
                bridge_keyfile %7$s
                bridge_protocol_version mqttv311
                # One session per pair of substations at the peer, one bridge client per peer here.
                remote_clientid %1$s.bridge
                local_clientid bridge.%1$s.to.%2$s
                # Tell the peer this is a bridge (it then never echoes a message back over the bridge it came from).
                try_private true
                # Persistent sessions on both ends: QoS 1 messages published while the peer is unreachable are
                # queued here (up to max_queued_messages) and sent when the bridge reconnects.
                cleansession false
                local_cleansession false
                start_type automatic
                keepalive_interval %8$d
                restart_timeout %9$d %10$d
                # The bridge's state, retained: 1 connected, 0 not. On the peer (read there by EAG %2$s) 0 is this
                # bridge's will, published when the peer drops it. The copy here (read by EAG %1$s) stays 1 after
                # the first connect: Mosquitto 2.0 writes a local 0 only once, at start.
                notifications true
                notifications_local_only false
                notification_topic %11$s
                # The retain flag passes (the state above must stay retained on the peer); consortium messages
                # are published without it, or every new session would replay them.
                bridge_max_packet_size 4194304
                # Push this EAG's consortium messages, QoS 1; nothing comes in on this connection.
                topic %12$s out 1
                """.formatted(
                        self,
                        p.eag(),
                        p.host(),
                        p.port(),
                        files.authorityRoot(),
                        files.certificate(),
                        files.key(),
                        timing.keepAlive().toSeconds(),
                        timing.restartBase().toSeconds(),
                        timing.restartCap().toSeconds(),
                        stateTopic(self, p.eag()),
                        originFilter(self));
    }

    /**
     * The ACL section for the bridge of peer substation {@code peer} on the broker of substation {@code
     * self}: it may publish under its own origin prefix and its bridge's state only. It reads nothing and
     * writes nothing of this substation's EAG or nodes. Append one per peer to {@code ebc.acl}; do not give peers this broker's {@link
     * MosquittoAcl#eagSection} (that is for the home EAG only). Ends with a blank line.
     */
    public static String peerAclSection(EagId self, EagId peer) {
        return """

                # Peer substation %1$s: its broker's bridge logs in with EAG %1$s's certificate.
                user %1$s
                # It delivers EAG %1$s's consortium messages, under its own origin prefix only.
                topic write %2$s
                # Its bridge's state here (1 on connect; 0, its will, when this broker drops it).
                topic write %3$s
                """.formatted(peer, originFilter(peer), stateTopic(peer, self));
    }

    /**
     * The extra ACL lines for the home EAG {@code self} of this broker: it reads the states of this broker's
     * bridges. Append after its {@link MosquittoAcl#eagSection}. Ends with a blank line.
     */
    public static String homeAclSection(EagId self) {
        return """

                # EAG %1$s reads the states of the bridges: this broker's to its peers (set to 1 on connect) and
                # its peers' bridges into this broker (0 as soon as this broker drops one).
                user %1$s
                topic read %2$s
                topic read %3$s
                """.formatted(self, stateTopic(self.value(), ANY), stateTopic(ANY, self.value()));
    }
}
