package org.ebc.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ebc.consensus.EagSigner;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.consensus.ConsensusSettings;
import org.ebc.gateway.consensus.RoundTimeouts;
import org.ebc.gateway.ledger.ConsortiumNode;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.ledger.EagMember;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.GenesisReason;
import org.ebc.ledger.Outcome;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.tinylog.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eag-gateway consortium node}: this EAG's seat in the consortium on its own (consensus, mining, the
 * SQLite ledger), until stopped. What {@code run} will host once the payments feed the ledger.
 */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run this EAG's seat in the consortium on its own: consensus over the broker's ebc/v1/consortium/# topics, "
                    + "mining, and the ledger in DIR/gateway.db (re-validated from the genesis at start). Runs until "
                    + "stopped (SIGTERM or Ctrl-C).",
            "Blocks carry the coinbase only for now: the gateway's payments are not yet turned into ledger "
                    + "transactions."
        })
public final class ConsortiumNodeCommand implements Callable<Integer> {
    @Option(names = "--genesis", paramLabel = "FILE", required = true, description = "the consortium's genesis file")
    Path genesisFile;

    @Option(names = "--ca", paramLabel = "FILE", required = true, description = "the authority's root certificate")
    Path caFile;

    @Option(names = "--key", paramLabel = "FILE", required = true, description = "this EAG's private key (PEM)")
    Path keyFile;

    @Option(
            names = "--cert",
            paramLabel = "FILE",
            required = true,
            description = "this EAG's certificate (PEM), named in the genesis")
    Path certFile;

    @Option(names = "--broker", paramLabel = "URL", required = true, description = "the broker, tcp://host:port")
    String broker;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            required = true,
            description = "the data directory (holds gateway.db)")
    Path data;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "least time from a commit to mining the next block (default: the genesis's block interval)")
    Duration interval;

    @Override
    public Integer call() throws Exception {
        Genesis genesis;
        KeyPair keys;
        EagMember me;
        X509Certificate root;
        try {
            root = Pem.readCertificate(caFile);
            Outcome<GenesisReason, Genesis> g = Genesis.verify(Files.readAllBytes(genesisFile), root);
            if (!g.isOk()) {
                System.err.println("eag-gateway consortium node: --genesis " + genesisFile + " does not verify under "
                        + caFile + ": " + g.reason() + " (" + g.detail() + ")");
                return 2;
            }
            genesis = g.orElseThrow();
            PrivateKey key = Pem.readPrivateKey(keyFile);
            X509Certificate cert = Pem.readCertificate(certFile);
            Optional<EagMember> m = genesis.memberByKeyId(KeyId.of(cert.getPublicKey()));
            if (m.isEmpty()) {
                System.err.println("eag-gateway consortium node: --cert " + certFile
                        + " is not the certificate of an EAG of the genesis");
                return 2;
            }
            me = m.get();
            keys = new KeyPair(cert.getPublicKey(), key);
        } catch (IOException | KeyFileException e) {
            System.err.println("eag-gateway consortium node: " + e.getMessage());
            return 2;
        }
        SqliteLedgerStore store =
                new SqliteLedgerStore(GatewayDatabase.openMigrated(GatewayDatabase.file(data)), genesis, me.id());
        // The authority's registrations as other EAGs pass them on (kept in this data directory), then this
        // directory's own account pool.
        org.ebc.gateway.ledger.RegistrationFeed enrollments = new org.ebc.gateway.ledger.RegistrationFeed(
                root,
                new org.ebc.gateway.storage.SqliteRegistrationStore(GatewayDatabase.file(data)),
                new org.ebc.gateway.storage.RefreshingEnrollments(GatewayDatabase.file(data), me.id(), 500),
                Clock.systemUTC());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setMaxInflight(1000);
        Duration spacing = interval != null
                ? interval
                : Duration.ofMillis(genesis.difficulty().intervalMillis());
        ConsortiumNode node = new ConsortiumNode(
                genesis,
                EagSigner.of(me.id(), keys.getPrivate(), keys.getPublic()),
                keys,
                store,
                enrollments,
                BlockValidator.singleThreaded(genesis),
                broker,
                o,
                Clock.systemUTC(),
                new ConsortiumNode.Settings(ConsensusSettings.defaults(RoundTimeouts.defaults()), spacing, 1000),
                ConsortiumNode.PendingTransactions.NONE,
                (block, certified) -> {});
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            node.close();
                            store.close();
                            stop.countDown();
                        },
                        "ebc-consortium-shutdown"));
        node.gossip(enrollments);
        node.start();
        Logger.info("consortium node {} running at height {}", me.id(), node.height());
        stop.await();
        return 0;
    }
}
