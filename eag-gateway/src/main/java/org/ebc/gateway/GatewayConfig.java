package org.ebc.gateway;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.gateway.broker.BrokerSettings;
import org.ebc.gateway.market.MarketParameters;
import org.ebc.gateway.payment.PaymentSettings;
import org.ebc.gateway.verify.RatedPowers;
import org.ebc.ocmf.OcmfCodec;
import org.ebc.units.EagId;

/**
 * The gateway's configuration, read from one properties file and checked at start: a typo in a key or
 * a bad value fails with the key and the value named ({@link ConfigException}). Immutable.
 *
 * <p>Keys (defaults in brackets):
 * <ul>
 *   <li>{@code eag.id} (required): this gateway's id, as in its certificate's CN and in topics</li>
 *   <li>{@code data.dir} (required): holds {@code gateway.db} and the embedded broker's files</li>
 *   <li>{@code keys.dir} [{@code <data.dir>/keys}]: {@code eag.key}, {@code eag.crt}, {@code ca.crt} and
 *       optionally {@code crl.pem}; mode 0700</li>
 *   <li>{@code authority.dir} [none]: a registration authority's directory; when set, its
 *       {@code ca.crt} and {@code crl.pem} are the trust anchor and revocation list, and its node
 *       certificates and wallet bindings are imported into the account pool (re-read when they change)</li>
 *   <li>{@code mqtt.client.id} [{@code ebc-gateway-<eag.id>}]: must stay the same across restarts</li>
 *   <li>{@code ingress.max.record.bytes} [8192]: larger readings are refused unread</li>
 *   <li>{@code ingress.reconnect.min} [1s], {@code ingress.reconnect.max} [60s]: reconnection backoff</li>
 *   <li>{@code verify.threads} [1 on two cores or fewer, else cores − 1, at most 4]</li>
 *   <li>{@code verify.queue.capacity} [5000]: messages waiting per verify thread (at most 8 KiB each)</li>
 *   <li>{@code verify.clock.max.ahead} [5m]: how far a set clock's reading time may be ahead of ours</li>
 *   <li>{@code storage.commit.window} [5ms], {@code storage.commit.max.records} [1000]: group commit</li>
 *   <li>{@code storage.queue.capacity} [20000]: verified messages waiting for the writer</li>
 *   <li>{@code storage.rejection.log.rows} [100000]: rows of the rejection log kept</li>
 *   <li>{@code trust.check.interval} [5s]: how often {@code crl.pem} (and the authority) are looked at</li>
 *   <li>{@code verify.rated.power} [43470 W], {@code verify.rated.power.<node id>}: see {@link RatedPowers}</li>
 *   <li>{@code market.*}: see {@link MarketParameters}</li>
 *   <li>{@code payment.*}, {@code credit.initial}: see {@link PaymentSettings}</li>
 *   <li>{@code bank.*}: the credit bank, see {@link org.ebc.gateway.credit.BankSettings}</li>
 *   <li>{@code broker.*}: see {@link BrokerSettings}</li>
 * </ul>
 *
 * @param ledgerGenesis {@code ledger.genesis}: the consortium's genesis; absent, the gateway keeps no chain
 * @param clock the gateway's clock (injected; {@link Clock#systemUTC()} from the command line)
 */
public record GatewayConfig(
        EagId eag,
        Path dataDir,
        Path keysDir,
        Optional<Path> authorityDir,
        String clientId,
        int maxRecordBytes,
        Duration reconnectMin,
        Duration reconnectMax,
        int verifyThreads,
        int verifyQueueCapacity,
        Duration maxClockAhead,
        Duration commitWindow,
        int commitMaxRecords,
        int storageQueueCapacity,
        int rejectionLogRows,
        Duration trustCheckInterval,
        BrokerSettings broker,
        RatedPowers ratedPowers,
        MarketParameters market,
        PaymentSettings payment,
        org.ebc.gateway.credit.BankSettings bank,
        Optional<Path> ledgerGenesis,
        Clock clock) {

    public static final String EAG_ID = "eag.id";
    public static final String DATA_DIR = "data.dir";
    public static final String KEYS_DIR = "keys.dir";
    public static final String AUTHORITY_DIR = "authority.dir";
    public static final String CLIENT_ID = "mqtt.client.id";
    public static final String MAX_RECORD_BYTES = "ingress.max.record.bytes";
    public static final String RECONNECT_MIN = "ingress.reconnect.min";
    public static final String RECONNECT_MAX = "ingress.reconnect.max";
    public static final String VERIFY_THREADS = "verify.threads";
    public static final String VERIFY_QUEUE = "verify.queue.capacity";
    public static final String CLOCK_MAX_AHEAD = "verify.clock.max.ahead";
    public static final String COMMIT_WINDOW = "storage.commit.window";
    public static final String COMMIT_MAX_RECORDS = "storage.commit.max.records";
    public static final String STORAGE_QUEUE = "storage.queue.capacity";
    public static final String REJECTION_LOG_ROWS = "storage.rejection.log.rows";
    public static final String TRUST_CHECK_INTERVAL = "trust.check.interval";
    /** The consortium's genesis file; when set, the gateway takes its seat in the consortium and mines blocks. */
    public static final String LEDGER_GENESIS = "ledger.genesis";

    private static final Set<String> OWN_KEYS = Set.of(
            EAG_ID,
            DATA_DIR,
            KEYS_DIR,
            AUTHORITY_DIR,
            CLIENT_ID,
            MAX_RECORD_BYTES,
            RECONNECT_MIN,
            RECONNECT_MAX,
            VERIFY_THREADS,
            VERIFY_QUEUE,
            CLOCK_MAX_AHEAD,
            COMMIT_WINDOW,
            COMMIT_MAX_RECORDS,
            STORAGE_QUEUE,
            REJECTION_LOG_ROWS,
            TRUST_CHECK_INTERVAL,
            LEDGER_GENESIS);

    public GatewayConfig {
        Objects.requireNonNull(eag, "eag");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(keysDir, "keysDir");
        Objects.requireNonNull(authorityDir, "authorityDir");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(ledgerGenesis, "ledgerGenesis");
        Objects.requireNonNull(clock, "clock");
    }

    /** Key families: a prefix followed by a node id, say; each family's reader checks the rest of the key. */
    public static Set<String> keyFamilies() {
        return Set.of(RatedPowers.PER_NODE_PREFIX);
    }

    /** Every key the gateway's file may contain. */
    public static Set<String> knownKeys() {
        Set<String> all = new HashSet<>(OWN_KEYS);
        all.addAll(BrokerSettings.KEYS);
        all.add(RatedPowers.KEY);
        all.addAll(MarketParameters.KEYS);
        all.addAll(PaymentSettings.KEYS);
        all.addAll(org.ebc.gateway.credit.BankSettings.KEYS);
        return Set.copyOf(all);
    }

    /** Reads and checks a configuration file. */
    public static GatewayConfig load(Path file, Clock clock) {
        return from(Settings.load(file), clock);
    }

    /** Checks settings (a file's, or a map built in code, e.g. by the bench). */
    public static GatewayConfig from(Settings s, Clock clock) {
        s.rejectUnknownKeys(knownKeys(), keyFamilies());
        EagId eag =
                s.parsed(EAG_ID, s.requireString(EAG_ID), "an EAG id: 1-64 characters of [A-Za-z0-9._-]", EagId::of);
        Path data = path(DATA_DIR, s.requireString(DATA_DIR));
        Path keys = path(KEYS_DIR, s.string(KEYS_DIR, data.resolve("keys").toString()));
        Optional<Path> authority = s.optional(AUTHORITY_DIR).map(v -> path(AUTHORITY_DIR, v));
        String clientId = s.string(CLIENT_ID, "ebc-gateway-" + eag);
        if (clientId.length() > 64 || !clientId.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigException(CLIENT_ID, clientId, "1-64 characters of [A-Za-z0-9._-]");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int defaultThreads = cores <= 2 ? 1 : Math.min(4, cores - 1);
        Duration reconnectMin =
                s.duration(RECONNECT_MIN, Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMinutes(1));
        Duration reconnectMax =
                s.duration(RECONNECT_MAX, Duration.ofSeconds(60), Duration.ofMillis(10), Duration.ofHours(1));
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new ConfigException(
                    RECONNECT_MAX,
                    s.string(RECONNECT_MAX, ""),
                    "must not be shorter than " + RECONNECT_MIN + " (" + reconnectMin + ")");
        }
        return new GatewayConfig(
                eag,
                data,
                keys,
                authority,
                clientId,
                s.intValue(MAX_RECORD_BYTES, OcmfCodec.MAX_RECORD_BYTES, 256, OcmfCodec.MAX_RECORD_BYTES),
                reconnectMin,
                reconnectMax,
                s.intValue(VERIFY_THREADS, defaultThreads, 1, 64),
                s.intValue(VERIFY_QUEUE, 5_000, 16, 10_000_000),
                s.duration(CLOCK_MAX_AHEAD, Duration.ofMinutes(5), Duration.ZERO, Duration.ofDays(1)),
                s.duration(COMMIT_WINDOW, Duration.ofMillis(5), Duration.ZERO, Duration.ofSeconds(1)),
                s.intValue(COMMIT_MAX_RECORDS, 1_000, 1, 100_000),
                s.intValue(STORAGE_QUEUE, 20_000, 16, 10_000_000),
                s.intValue(REJECTION_LOG_ROWS, 100_000, 100, 100_000_000),
                s.duration(TRUST_CHECK_INTERVAL, Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofHours(1)),
                BrokerSettings.from(s, data),
                RatedPowers.from(s),
                MarketParameters.fromSettings(s),
                PaymentSettings.from(s),
                org.ebc.gateway.credit.BankSettings.from(s),
                s.optional(LEDGER_GENESIS).map(v -> path(LEDGER_GENESIS, v)),
                clock);
    }

    /** A configuration built in code (tests, the bench): {@code values} as if read from a file. */
    public static GatewayConfig of(Map<String, String> values, Clock clock) {
        return from(Settings.of(values), clock);
    }

    public GatewayConfig withClock(Clock c) {
        return new GatewayConfig(
                eag,
                dataDir,
                keysDir,
                authorityDir,
                clientId,
                maxRecordBytes,
                reconnectMin,
                reconnectMax,
                verifyThreads,
                verifyQueueCapacity,
                maxClockAhead,
                commitWindow,
                commitMaxRecords,
                storageQueueCapacity,
                rejectionLogRows,
                trustCheckInterval,
                broker,
                ratedPowers,
                market,
                payment,
                bank,
                ledgerGenesis,
                c);
    }

    private static Path path(String key, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigException(key, value, "not a valid path");
        }
    }
}
