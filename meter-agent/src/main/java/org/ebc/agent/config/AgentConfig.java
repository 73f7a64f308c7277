package org.ebc.agent.config;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.ebc.agent.trading.TradingConfig;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;

/**
 * The meter agent's own configuration keys, read and validated once at start from the one config file
 * (the meter driver's keys in the same file belong to {@code org.ebc.hardware.EnergyMeters}). Every bad
 * value is a {@link ConfigException} naming the key and the value. Immutable; thread-safe.
 *
 * @param node this node's id (topics, OCMF {@code GS}, certificate CN)
 * @param eag the gateway this node delivers to (topics, CN of the certificate that signs acknowledgements)
 * @param keyDir where enrollment left {@code node.key}, {@code node.crt} and {@code ca.crt}
 * @param dataDir where the agent keeps its SQLite file (registers, page counter, outbox)
 * @param brokerUrl {@code tcp://host:port} or {@code ssl://host:port} (TLS with the node's certificate)
 * @param keepAlive MQTT keep-alive
 * @param connectTimeout MQTT connect timeout
 * @param reconnectMin first delay before reconnecting after a lost or failed connection
 * @param reconnectMax the delay doubles up to this
 * @param verifyBrokerHostname whether the broker's TLS certificate must name the host of {@code brokerUrl}
 * @param interval time between periodic readings (readings fall on multiples of it since the epoch)
 * @param slot market slot length; a reading is taken at every slot border (multiples since the epoch)
 * @param onMeterFault whether a failed meter read is signed as a fault record or only logged
 * @param clockStatus the OCMF clock letter policy
 * @param outboxLimit most records the outbox holds; beyond it new readings are not signed (see {@code Outbox})
 * @param window most records published and not yet acknowledged by the gateway at once
 * @param ackTimeout a record not acknowledged within this is published again (doubling per attempt)
 * @param statusInterval how often the informational status message is published
 * @param lastPage the last page this agent signs, 0 for no limit: after it no reading is taken, while the
 *     outbox is still delivered (end-to-end tests and benchmarks that need an exact number of records)
 * @param trading the {@code trading.*} keys (Part D: {@link TradingConfig} owns them and their parsing)
 */
public record AgentConfig(
        NodeId node,
        EagId eag,
        Path keyDir,
        Path dataDir,
        String brokerUrl,
        Duration keepAlive,
        Duration connectTimeout,
        Duration reconnectMin,
        Duration reconnectMax,
        boolean verifyBrokerHostname,
        Duration interval,
        Duration slot,
        FaultPolicy onMeterFault,
        ClockStatusPolicy clockStatus,
        long outboxLimit,
        int window,
        Duration ackTimeout,
        Duration statusInterval,
        long lastPage,
        // ---- Part D: trading (keys, defaults and checks in org.ebc.agent.trading.TradingConfig) ----
        TradingConfig trading) {

    public static final String NODE_ID = "node.id";
    public static final String EAG_ID = "eag.id";
    public static final String KEY_DIR = "key.dir";
    public static final String DATA_DIR = "data.dir";
    public static final String BROKER_URL = "broker.url";
    public static final String BROKER_KEEP_ALIVE = "broker.keep-alive";
    public static final String BROKER_CONNECT_TIMEOUT = "broker.connect-timeout";
    public static final String BROKER_RECONNECT_MIN = "broker.reconnect.min-delay";
    public static final String BROKER_RECONNECT_MAX = "broker.reconnect.max-delay";
    public static final String BROKER_TLS_VERIFY_HOSTNAME = "broker.tls.verify-hostname";
    public static final String READING_INTERVAL = "reading.interval";
    public static final String READING_ON_METER_FAULT = "reading.on-meter-fault";
    public static final String MARKET_SLOT = "market.slot";
    public static final String CLOCK_STATUS = "clock.status";
    public static final String OUTBOX_MAX_RECORDS = "outbox.max-records";
    public static final String OUTBOX_WINDOW = "outbox.window";
    public static final String OUTBOX_ACK_TIMEOUT = "outbox.ack-timeout";
    public static final String STATUS_INTERVAL = "status.interval";
    public static final String READING_LAST_PAGE = "reading.last-page";

    public static final Path DEFAULT_KEY_DIR = Path.of("/etc/ebc/keys");
    public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/ebc-meter-agent");
    /** 100,000 records is about 11.5 days of 10 s readings, about 60 MB of SQLite. */
    public static final long DEFAULT_OUTBOX_LIMIT = 100_000;

    /** What a failed meter read becomes. */
    public enum FaultPolicy {
        /** A signed record with the last good registers, {@code EF=E} and a fault letter in {@code ST}. */
        SIGN,
        /** Nothing signed; the fault is logged and counted. */
        SKIP
    }

    /** The agent's own keys (the meter driver adds its keys; see {@code AgentSettings}). */
    public static Set<String> knownKeys() {
        return new TreeSet<>(Set.of(
                NODE_ID,
                EAG_ID,
                KEY_DIR,
                DATA_DIR,
                BROKER_URL,
                BROKER_KEEP_ALIVE,
                BROKER_CONNECT_TIMEOUT,
                BROKER_RECONNECT_MIN,
                BROKER_RECONNECT_MAX,
                BROKER_TLS_VERIFY_HOSTNAME,
                READING_INTERVAL,
                READING_ON_METER_FAULT,
                MARKET_SLOT,
                CLOCK_STATUS,
                OUTBOX_MAX_RECORDS,
                OUTBOX_WINDOW,
                OUTBOX_ACK_TIMEOUT,
                STATUS_INTERVAL,
                READING_LAST_PAGE));
    }

    /** Reads and checks the agent's keys; unknown keys are checked by the caller, who knows the driver's. */
    public static AgentConfig from(Settings s) {
        NodeId node = s.parsed(NODE_ID, "", "a node id: 1-64 characters of [A-Za-z0-9._-]", NodeId::of);
        EagId eag = s.parsed(EAG_ID, "", "an EAG id: 1-64 characters of [A-Za-z0-9._-]", EagId::of);
        Path keyDir = path(s, KEY_DIR, DEFAULT_KEY_DIR);
        Path dataDir = path(s, DATA_DIR, DEFAULT_DATA_DIR);
        String url = brokerUrl(s);
        Duration keepAlive =
                s.duration(BROKER_KEEP_ALIVE, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(30));
        Duration connectTimeout = s.duration(
                BROKER_CONNECT_TIMEOUT, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5));
        Duration reconnectMin =
                s.duration(BROKER_RECONNECT_MIN, Duration.ofMillis(500), Duration.ofMillis(50), Duration.ofMinutes(5));
        Duration reconnectMax =
                s.duration(BROKER_RECONNECT_MAX, Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofHours(1));
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new ConfigException(
                    BROKER_RECONNECT_MAX,
                    s.string(BROKER_RECONNECT_MAX, ""),
                    "must not be shorter than " + BROKER_RECONNECT_MIN + " (" + reconnectMin + ")");
        }
        boolean verifyHost = s.bool(BROKER_TLS_VERIFY_HOSTNAME, true);
        Duration interval =
                s.duration(READING_INTERVAL, Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofHours(1));
        Duration slot = s.duration(MARKET_SLOT, Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofDays(1));
        FaultPolicy fault = s.enumValue(READING_ON_METER_FAULT, FaultPolicy.SIGN, FaultPolicy.class);
        ClockStatusPolicy clock = s.parsed(CLOCK_STATUS, "auto", "auto, S, U, I or R", ClockStatusPolicy::parse);
        long limit = s.longValue(OUTBOX_MAX_RECORDS, DEFAULT_OUTBOX_LIMIT, 1, 10_000_000);
        int window = s.intValue(OUTBOX_WINDOW, 100, 1, 1000);
        Duration ackTimeout =
                s.duration(OUTBOX_ACK_TIMEOUT, Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofHours(1));
        Duration statusInterval =
                s.duration(STATUS_INTERVAL, Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofHours(1));
        long lastPage = s.longValue(READING_LAST_PAGE, 0, 0, Long.MAX_VALUE);
        // ---- Part D: trading ----
        TradingConfig trading = TradingConfig.from(s);
        return new AgentConfig(
                node,
                eag,
                keyDir,
                dataDir,
                url,
                keepAlive,
                connectTimeout,
                reconnectMin,
                reconnectMax,
                verifyHost,
                interval,
                slot,
                fault,
                clock,
                limit,
                window,
                ackTimeout,
                statusInterval,
                lastPage,
                trading);
    }

    /** True when the broker is reached over TLS with the node's certificate. */
    public boolean tls() {
        return brokerUrl.startsWith("ssl://");
    }

    public Path nodeKey() {
        return keyDir.resolve("node.key");
    }

    public Path nodeCertificate() {
        return keyDir.resolve("node.crt");
    }

    public Path caCertificate() {
        return keyDir.resolve("ca.crt");
    }

    /** The agent's SQLite file. */
    public Path database() {
        return dataDir.resolve("agent.db");
    }

    private static Path path(Settings s, String key, Path defaultValue) {
        String v = s.string(key, defaultValue.toString());
        try {
            Path p = Path.of(v);
            if (!p.isAbsolute()) {
                // A relative directory would depend on where systemd or the operator started the agent.
                throw new ConfigException(key, v, "an absolute directory path");
            }
            return p;
        } catch (InvalidPathException e) {
            throw new ConfigException(key, v, "a directory path");
        }
    }

    private static String brokerUrl(Settings s) {
        String v = s.requireString(BROKER_URL);
        String expected = "tcp://host:port or ssl://host:port";
        URI uri;
        try {
            uri = new URI(v);
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(BROKER_URL, v, expected);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("tcp") || scheme.equals("ssl"))
                || uri.getHost() == null
                || uri.getPort() < 1
                || (uri.getPath() != null && !uri.getPath().isEmpty())) {
            throw new ConfigException(BROKER_URL, v, expected);
        }
        return scheme + "://" + uri.getHost() + ":" + uri.getPort();
    }
}
