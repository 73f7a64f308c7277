package org.ebc.gateway.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.ebc.config.ConfigException;
import org.ebc.consensus.EagSigner;
import org.ebc.gateway.EagIdentity;
import org.ebc.gateway.authority.RegistrationsFile;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.consensus.ConsensusSettings;
import org.ebc.gateway.consensus.RoundTimeouts;
import org.ebc.gateway.payment.CoinbaseMint;
import org.ebc.gateway.payment.MemoryPool;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.RefreshingEnrollments;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.gateway.storage.SqliteRegistrationStore;
import org.ebc.gateway.storage.StorageException;
import org.ebc.ledger.EagMember;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.GenesisReason;
import org.ebc.ledger.Outcome;
import org.ebc.ledger.Sha256Hash;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.jspecify.annotations.Nullable;
import org.tinylog.Logger;

/**
 * The gateway's seat in its consortium, as {@code eag-gateway run} and the bench start it: the payments' memory pool
 * feeds blocks ({@link MemoryPoolFeed}), the {@link ConsortiumNode} mines, audits and commits them with the other
 * EAGs over the consortium topics of the gateway's broker, and the chain is stored in the gateway's SQLite file
 * ({@link SqliteLedgerStore}); what a committed block's coinbase mints for this EAG is credited to the payment core
 * ({@link CoinbaseCredit}). Blocks are validated with their signatures checked on all cores.
 */
public final class GatewayLedger implements AutoCloseable {
    /** The configuration key naming the consortium's genesis file. */
    public static final String GENESIS_KEY = "ledger.genesis";
    /** The most pool entries offered to one block. */
    static final int BATCH = 2_000;

    private final Genesis genesis;
    private final Path genesisFile;
    private final ConsortiumNode node;
    private final SqliteLedgerStore store;
    private final MemoryPoolFeed feed;
    private final MemoryPool pool;
    private final ExecutorService validators;
    private final Connection reader;
    private final RegistrationFeed registrations;
    private final @Nullable AuthorityRegistrations authority;
    private boolean closed;

    private GatewayLedger(
            Genesis genesis,
            Path genesisFile,
            ConsortiumNode node,
            SqliteLedgerStore store,
            MemoryPoolFeed feed,
            MemoryPool pool,
            ExecutorService validators,
            Connection reader,
            RegistrationFeed registrations,
            @Nullable AuthorityRegistrations authority) {
        this.registrations = registrations;
        this.authority = authority;
        this.genesis = genesis;
        this.genesisFile = genesisFile;
        this.node = node;
        this.store = store;
        this.feed = feed;
        this.pool = pool;
        this.validators = validators;
        this.reader = reader;
    }

    /**
     * Reads the genesis and checks that it is this gateway's consortium: signed by the authority the gateway trusts,
     * naming this EAG with this gateway's key.
     *
     * @throws ConfigException naming {@link #GENESIS_KEY} and the file if not
     */
    public static Genesis readGenesis(Path file, X509Certificate root, EagIdentity me) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(GENESIS_KEY, file.toString(), "cannot be read: " + e.getMessage());
        }
        Outcome<GenesisReason, Genesis> g = Genesis.verify(bytes, root);
        if (!g.isOk()) {
            throw new ConfigException(
                    GENESIS_KEY,
                    file.toString(),
                    "does not verify under the authority's root: " + g.reason() + " (" + g.detail() + ")");
        }
        Genesis genesis = g.orElseThrow();
        Optional<EagMember> m = genesis.member(me.eag());
        if (m.isEmpty()) {
            throw new ConfigException(
                    GENESIS_KEY, file.toString(), "names no EAG " + me.eag() + ": this gateway has no seat in it");
        }
        if (!m.get().keyId().equals(me.keyId())) {
            throw new ConfigException(
                    GENESIS_KEY,
                    file.toString(),
                    "names " + me.eag() + " with another key than this gateway's certificate (keys.dir)");
        }
        return genesis;
    }

    /**
     * Opens the chain in the gateway's database and takes the seat: connects to the broker, replays the stored
     * blocks, catches up from the peers and starts mining.
     *
     * @param pool the payments' memory pool (what the blocks carry)
     * @param credits where each committed block's mints for this EAG go, to be applied on the payment core's thread
     * @param spacing least time from a commit to mining the next block (the genesis's interval, typically)
     */
    public static GatewayLedger start(
            Genesis genesis,
            Path genesisFile,
            EagIdentity me,
            Path database,
            MemoryPool pool,
            Consumer<CoinbaseMint> credits,
            String brokerUri,
            MqttConnectOptions options,
            Clock clock,
            Duration spacing,
            X509Certificate authorityRoot,
            Optional<Path> authorityDir)
            throws MqttException {
        KeyPair keys = new KeyPair(me.certificate().getPublicKey(), me.key());
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService validators = Executors.newFixedThreadPool(Math.max(1, cores - 1), r -> {
            Thread t = new Thread(r, "ebc-block-verify");
            t.setDaemon(true);
            return t;
        });
        SqliteLedgerStore store;
        Connection reader;
        try {
            store = new SqliteLedgerStore(GatewayDatabase.openMigrated(database), genesis, me.eag());
            reader = GatewayDatabase.openReader(database);
        } catch (SQLException e) {
            validators.shutdownNow();
            throw new StorageException("cannot open the chain in " + database, e);
        }
        MemoryPoolFeed feed = new MemoryPoolFeed(me.eag(), keys, pool, genesis, BATCH);
        CoinbaseCredit credit = new CoinbaseCredit(
                me.eag(),
                genesis.member(me.eag()).orElseThrow().address(),
                credits,
                genesis,
                id -> storedTransaction(reader, id));
        RegistrationFeed registrations = new RegistrationFeed(
                authorityRoot,
                new SqliteRegistrationStore(database),
                new RefreshingEnrollments(database, me.eag(), 500),
                clock);
        // Read before the stored chain is re-validated: it was committed with these registrations.
        AuthorityRegistrations authority = authorityDir
                .map(dir -> new AuthorityRegistrations(dir.resolve(RegistrationsFile.NAME), registrations))
                .orElse(null);
        if (authority != null) {
            authority.check();
        }
        ConsortiumNode node = new ConsortiumNode(
                genesis,
                EagSigner.of(me.eag(), me.key(), keys.getPublic()),
                keys,
                store,
                registrations,
                new BlockValidator(genesis, validators, cores, BlockValidator.chainRules(genesis)),
                brokerUri,
                options,
                clock,
                new ConsortiumNode.Settings(ConsensusSettings.defaults(RoundTimeouts.defaults()), spacing, BATCH),
                feed,
                (block, certified) -> {
                    feed.committed(block, certified);
                    credit.committed(block, certified);
                });
        node.gossip(registrations);
        try {
            // A site broker that is down at start does not stop the gateway: the seat connects when it can.
            node.start(true);
            if (authority != null) {
                authority.start();
            }
        } catch (MqttException | RuntimeException | Error e) {
            if (authority != null) {
                authority.close();
            }
            node.close();
            store.close();
            closeQuietly(reader);
            validators.shutdownNow();
            throw e;
        }
        Logger.info(
                "ledger: seat {} in consortium {} ({} EAG(s), quorum {}), chain at height {}, a block every {} ms",
                me.eag(),
                genesis.hash().hex().substring(0, 12),
                genesis.members().size(),
                genesis.quorumSize(),
                node.height(),
                spacing.toMillis());
        return new GatewayLedger(
                genesis, genesisFile, node, store, feed, pool, validators, reader, registrations, authority);
    }

    private static Optional<byte[]> storedTransaction(Connection c, Sha256Hash id) {
        try (PreparedStatement p = c.prepareStatement("SELECT tx FROM ledger_transactions WHERE id = ?")) {
            p.setString(1, id.hex());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read transaction " + id.hex() + " of the chain", e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            Logger.warn("ledger: closing the chain's reader: {}", e.getMessage());
        }
    }

    public Genesis genesis() {
        return genesis;
    }

    public Path genesisFile() {
        return genesisFile;
    }

    /** The authority's registrations as this EAG holds them. */
    public RegistrationFeed registrations() {
        return registrations;
    }

    /** The height of the stored chain. */
    public long height() {
        return node.height();
    }

    /** One line for a live summary: blocks, and what waits for one. */
    public String line() {
        return "blocks " + node.height() + ", pool " + pool.readyCount() + " waiting (" + feed.waiting() + " signed)";
    }

    /** Stops mining and consensus and closes the chain's connection; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (authority != null) {
            authority.close();
        }
        node.close();
        store.close();
        closeQuietly(reader);
        validators.shutdownNow();
    }
}
