package org.ebc.gateway.broker;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;

/**
 * The {@code broker.*} part of the gateway's configuration: which broker to use and how the gateway's
 * MQTT client talks to it. Immutable; thread-safe.
 *
 * <p>Keys (all optional; defaults in brackets):
 * <ul>
 *   <li>{@code broker.mode} = {@code embedded} | {@code external} [embedded]</li>
 *   <li>{@code broker.host} (embedded) the loopback address the plain-TCP listener binds [127.0.0.1]; any
 *       other address is refused: that listener authenticates no one, so it serves this machine only</li>
 *   <li>{@code broker.port} (embedded) its port, 0 = any free port [0: only the gateway's own client uses
 *       it, so it never collides with a broker already on 1883, such as Debian's Mosquitto]</li>
 *   <li>{@code broker.tls.host} (embedded) address of the TLS listener for meters on the network [0.0.0.0]</li>
 *   <li>{@code broker.tls.port} (embedded) its port, 0 = any free port [none: no TLS listener]. Clients
 *       present a certificate from the authority and get the rights of {@link TopicRights}; the server
 *       certificate is the EAG's own ({@code keys.dir/eag.crt}, with the host names meters dial)</li>
 *   <li>{@code broker.queue.max} (embedded) QoS 1 messages queued per client [1000000]</li>
 *   <li>{@code broker.persistence} (embedded) = {@code file} | {@code memory}: where sessions and queues
 *       live [memory]. Memory by default because the broker is not where durability lives: an agent
 *       deletes a reading only after the gateway's ack says it is fsync'd in SQLite, and re-sends
 *       anything unacknowledged after a reconnect, so a lost broker queue costs a re-send, never a
 *       reading. HiveMQ CE's file persistence cuts QoS 1 throughput here to about a third
 *       (docs/benchmarks.md).</li>
 *   <li>{@code broker.url} (external, required) {@code tcp://host:port} or {@code ssl://host:port}</li>
 *   <li>{@code broker.tls.ca}, {@code broker.tls.cert}, {@code broker.tls.key} (required with
 *       {@code ssl://}, refused otherwise) PEM files: authority root, gateway certificate, its key</li>
 *   <li>{@code broker.keepalive} [30s], {@code broker.connect.timeout} [10s],
 *       {@code broker.max.inflight} unacknowledged QoS 1 publishes per client [100]</li>
 * </ul>
 * Every bad value fails at start with a {@link ConfigException} naming the key and the value.
 *
 * @param endpoint where to connect
 * @param keepAlive MQTT keep-alive interval
 * @param connectTimeout how long one connection attempt may take
 * @param maxInflight unacknowledged QoS 1 publishes the gateway's client may have outstanding
 */
public record BrokerSettings(BrokerEndpoint endpoint, Duration keepAlive, Duration connectTimeout, int maxInflight) {

    public static final String MODE = "broker.mode";
    public static final String HOST = "broker.host";
    public static final String PORT = "broker.port";
    public static final String QUEUE_MAX = "broker.queue.max";
    public static final String PERSISTENCE = "broker.persistence";
    public static final String URL = "broker.url";
    public static final String TLS_CA = "broker.tls.ca";
    public static final String TLS_CERT = "broker.tls.cert";
    public static final String TLS_KEY = "broker.tls.key";
    public static final String TLS_HOST = "broker.tls.host";
    public static final String TLS_PORT = "broker.tls.port";
    public static final String KEEPALIVE = "broker.keepalive";
    public static final String CONNECT_TIMEOUT = "broker.connect.timeout";
    public static final String MAX_INFLIGHT = "broker.max.inflight";

    /** Every key this class reads, for {@link Settings#rejectUnknownKeys(Set)}. */
    public static final Set<String> KEYS = Set.of(
            MODE,
            HOST,
            PORT,
            QUEUE_MAX,
            PERSISTENCE,
            URL,
            TLS_CA,
            TLS_CERT,
            TLS_KEY,
            TLS_HOST,
            TLS_PORT,
            KEEPALIVE,
            CONNECT_TIMEOUT,
            MAX_INFLIGHT);

    /** The embedded broker's plain-TCP port: any free one (only the gateway's own client needs to find it). */
    public static final int DEFAULT_PORT = 0;

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The TLS listener binds every interface: it is the one meters on the network reach. */
    public static final String DEFAULT_TLS_HOST = "0.0.0.0";

    public static final long DEFAULT_QUEUE_MAX = 1_000_000;

    /** The two ways of running: {@code broker.mode}. */
    public enum Mode {
        EMBEDDED,
        EXTERNAL
    }

    public BrokerSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxInflight < 1) {
            throw new IllegalArgumentException("maxInflight must be positive, was " + maxInflight);
        }
    }

    /**
     * Reads the {@code broker.*} keys.
     *
     * @param settings the gateway's configuration
     * @param gatewayDataDirectory the gateway's data directory; the embedded broker keeps its files in
     *     {@code broker/} below it
     */
    public static BrokerSettings from(Settings settings, Path gatewayDataDirectory) {
        Mode mode = settings.enumValue(MODE, Mode.EMBEDDED, Mode.class);
        BrokerEndpoint endpoint = mode == Mode.EMBEDDED ? embedded(settings, gatewayDataDirectory) : external(settings);
        return new BrokerSettings(
                endpoint,
                settings.duration(KEEPALIVE, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
                settings.duration(
                        CONNECT_TIMEOUT, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5)),
                settings.intValue(MAX_INFLIGHT, 100, 1, 65_535));
    }

    private static BrokerEndpoint.Embedded embedded(Settings settings, Path gatewayDataDirectory) {
        for (String externalOnly : new String[] {URL, TLS_CA, TLS_CERT, TLS_KEY}) {
            settings.optional(externalOnly).ifPresent(v -> {
                throw new ConfigException(externalOnly, v, "only used with " + MODE + " = external");
            });
        }
        String host = bindAddress(settings, HOST, DEFAULT_HOST);
        if (!BrokerEndpoint.isLoopback(host)) {
            throw new ConfigException(
                    HOST,
                    host,
                    "the plain-TCP listener authenticates no one and serves this machine only: use a loopback address"
                            + " (127.0.0.1); meters on the network connect to the TLS listener (" + TLS_PORT + ")");
        }
        Optional<BrokerEndpoint.TlsListener> tls = Optional.empty();
        if (settings.optional(TLS_PORT).isPresent()) {
            tls = Optional.of(new BrokerEndpoint.TlsListener(
                    bindAddress(settings, TLS_HOST, DEFAULT_TLS_HOST), settings.intValue(TLS_PORT, 8883, 0, 65_535)));
        } else {
            settings.optional(TLS_HOST).ifPresent(v -> {
                throw new ConfigException(TLS_HOST, v, "needs " + TLS_PORT + " (e.g. 8883) to open a TLS listener");
            });
        }
        return new BrokerEndpoint.Embedded(
                host,
                settings.intValue(PORT, DEFAULT_PORT, 0, 65_535),
                gatewayDataDirectory.resolve("broker"),
                settings.longValue(QUEUE_MAX, DEFAULT_QUEUE_MAX, 1, Long.MAX_VALUE),
                settings.enumValue(PERSISTENCE, BrokerEndpoint.Persistence.MEMORY, BrokerEndpoint.Persistence.class),
                tls);
    }

    private static String bindAddress(Settings settings, String key, String defaultValue) {
        String host = settings.string(key, defaultValue);
        if (host.isBlank() || host.contains("/") || host.contains(" ")) {
            throw new ConfigException(
                    key, host, "expected an IP address or host name to bind, e.g. 127.0.0.1 or 0.0.0.0");
        }
        return host;
    }

    private static BrokerEndpoint.External external(Settings settings) {
        for (String embeddedOnly : new String[] {HOST, PORT, QUEUE_MAX, PERSISTENCE, TLS_HOST, TLS_PORT}) {
            settings.optional(embeddedOnly).ifPresent(v -> {
                throw new ConfigException(
                        embeddedOnly, v, "only used with " + MODE + " = embedded; put the broker's address in " + URL);
            });
        }
        String text = settings.optional(URL)
                .orElseThrow(() -> new ConfigException(
                        URL, "", "required with " + MODE + " = external, e.g. ssl://broker.example:8883"));
        URI url = parseUrl(text);
        boolean ssl = url.getScheme().equals("ssl");
        Optional<BrokerEndpoint.TlsFiles> tls = Optional.empty();
        if (ssl) {
            tls = Optional.of(new BrokerEndpoint.TlsFiles(
                    readableFile(settings, TLS_CA), readableFile(settings, TLS_CERT), readableFile(settings, TLS_KEY)));
        } else {
            for (String tlsKey : new String[] {TLS_CA, TLS_CERT, TLS_KEY}) {
                settings.optional(tlsKey).ifPresent(v -> {
                    throw new ConfigException(tlsKey, v, "only used with an ssl:// " + URL + " (it is " + text + ")");
                });
            }
        }
        return new BrokerEndpoint.External(url, tls);
    }

    private static URI parseUrl(String text) {
        String expected = "expected tcp://host:port or ssl://host:port";
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException(URL, text, expected);
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("tcp") || scheme.equals("ssl"))) {
            throw new ConfigException(URL, text, expected + " (scheme must be tcp or ssl)");
        }
        if (url.getHost() == null || url.getPort() == -1) {
            throw new ConfigException(URL, text, expected + " (host and port are required)");
        }
        String path = url.getRawPath();
        if ((path != null && !path.isEmpty())
                || url.getRawQuery() != null
                || url.getRawFragment() != null
                || url.getRawUserInfo() != null) {
            throw new ConfigException(URL, text, expected + " (nothing after the port)");
        }
        return url;
    }

    private static Path readableFile(Settings settings, String key) {
        String v = settings.optional(key)
                .orElseThrow(() -> new ConfigException(key, "", "required with an ssl:// " + URL + " (a PEM file)"));
        Path p;
        try {
            p = Path.of(v);
        } catch (InvalidPathException e) {
            throw new ConfigException(key, v, "not a valid file path");
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new ConfigException(key, v, "file does not exist or cannot be read");
        }
        return p;
    }
}
