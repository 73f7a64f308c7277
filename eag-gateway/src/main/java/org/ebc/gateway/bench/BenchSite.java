package org.ebc.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ebc.gateway.GatewayConfig;
import org.ebc.units.EagId;

/**
 * The files of a bench, all under one directory, as a substation and its meters would have them:
 *
 * <pre>
 * DIR/authority/             the registration authority (ca.key, ca.crt, crl.pem, registry.json, issued/)
 * DIR/gateway/               the gateway's data.dir: gateway.db, broker/ (embedded broker), keys/ (eag.key, eag.crt, ca.crt)
 * DIR/gateway.properties     the gateway's configuration (eag-gateway status --config DIR/gateway.properties)
 * DIR/nodes/&lt;node&gt;/keys/     one device's key.dir (node.key, wallet-N.key, node.csr, wallets.req, node.crt, ca.crt)
 * DIR/nodes/&lt;node&gt;/data/     its agent's data.dir (agent.db)
 * DIR/nodes/&lt;node&gt;/agent.properties   its agent's configuration (meter-agent status --config …)
 * </pre>
 */
public final class BenchSite {
    public static final String GATEWAY_PROPERTIES = "gateway.properties";

    private final Path root;
    private final EagId eag;
    private final List<BenchMeter> meters;
    private final Path authorityDir;

    private BenchSite(Path root, EagId eag, List<BenchMeter> meters, Path authorityDir) {
        this.root = root.toAbsolutePath();
        this.eag = eag;
        this.meters = List.copyOf(meters);
        this.authorityDir = authorityDir.toAbsolutePath();
    }

    /**
     * Creates the authority, enrolls the EAG and every meter's device, reporting each step to
     * {@code progress}.
     */
    public static BenchSite prepare(
            Path root, EagId eag, List<BenchMeter> meters, Clock clock, Consumer<String> progress) {
        BenchSite site = new BenchSite(root, eag, meters, root.resolve("authority"));
        try {
            Files.createDirectories(site.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + site.root, e);
        }
        long t0 = System.nanoTime();
        progress.accept("registration authority: creating in " + site.authorityDir());
        BenchAuthority authority = BenchAuthority.create(site.authorityDir(), "ebc bench authority", clock);
        progress.accept("EAG " + eag + ": key and CSR in " + site.gatewayKeys() + ", certificate issued");
        authority.enrollEag(eag, site.gatewayKeys());
        progress.accept(
                "enrolling " + meters.size() + " node(s): the bench stands in for " + meters.size()
                        + " devices (node and wallet keys generated in each node's own key directory, one batch at the authority)");
        long t1 = System.nanoTime();
        authority.enrollNodes(meters.stream()
                .map(m -> new StandInDevice(m.node(), m.meterSerial(), site.keyDir(m)))
                .toList());
        progress.accept(String.format(
                "enrolled %d node(s) in %d ms (setup so far %d ms)",
                meters.size(), (System.nanoTime() - t1) / 1_000_000, (System.nanoTime() - t0) / 1_000_000));
        return site;
    }

    /**
     * Another substation of the same consortium: its EAG and meters enrolled at the authority of {@code first}
     * (shared, as two gateways on one host share it), each meter at home at {@code eag}.
     */
    public static BenchSite join(
            Path root, BenchSite first, EagId eag, List<BenchMeter> meters, Clock clock, Consumer<String> progress) {
        BenchSite site = new BenchSite(root, eag, meters, first.authorityDir());
        BenchAuthority authority = BenchAuthority.open(site.authorityDir(), clock);
        progress.accept("EAG " + eag + ": key and CSR in " + site.gatewayKeys() + ", certificate issued");
        authority.enrollEag(eag, site.gatewayKeys());
        authority.enrollNodes(
                meters.stream()
                        .map(m -> new StandInDevice(m.node(), m.meterSerial(), site.keyDir(m)))
                        .toList(),
                eag);
        progress.accept("enrolled " + meters.size() + " node(s) at home at " + eag);
        return site;
    }

    public Path root() {
        return root;
    }

    public EagId eag() {
        return eag;
    }

    public List<BenchMeter> meters() {
        return meters;
    }

    public Path authorityDir() {
        return authorityDir;
    }

    /** The gateway's {@code data.dir}. */
    public Path gatewayDir() {
        return root.resolve("gateway");
    }

    public Path gatewayKeys() {
        return gatewayDir().resolve("keys");
    }

    public Path gatewayProperties() {
        return root.resolve(GATEWAY_PROPERTIES);
    }

    public Path nodeDir(BenchMeter m) {
        return root.resolve("nodes").resolve(m.node().value());
    }

    public Path keyDir(BenchMeter m) {
        return nodeDir(m).resolve("keys");
    }

    public Path agentDataDir(BenchMeter m) {
        return nodeDir(m).resolve("data");
    }

    /** The agent's SQLite file ({@code agent.db} in its data.dir). */
    public Path agentDatabase(BenchMeter m) {
        return agentDataDir(m).resolve("agent.db");
    }

    public Path agentConfig(BenchMeter m) {
        return nodeDir(m).resolve("agent.properties");
    }

    /**
     * The gateway's settings: this site's ids and directories (the authority directory is the trust
     * anchor and the source of node certificates), plus {@code more} (the {@code broker.*} keys and any
     * tuning); also written to {@link #gatewayProperties()}.
     */
    public Map<String, String> gatewaySettings(Map<String, String> more) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(GatewayConfig.EAG_ID, eag.value());
        m.put(GatewayConfig.DATA_DIR, gatewayDir().toString());
        m.put(GatewayConfig.KEYS_DIR, gatewayKeys().toString());
        m.put(GatewayConfig.AUTHORITY_DIR, authorityDir().toString());
        m.putAll(more);
        StringBuilder b = new StringBuilder("# EAG gateway of a bench, written by eag-gateway bench\n");
        m.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        try {
            Files.writeString(gatewayProperties(), b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + gatewayProperties(), e);
        }
        return m;
    }

    /** Writes every agent's configuration; returns the files grouped by agent process. */
    public List<List<Path>> writeAgentConfigs(String brokerUrl, AgentConfigFile.Tuning tuning) {
        List<List<Path>> groups = new ArrayList<>();
        for (BenchMeter m : meters) {
            while (groups.size() <= m.process()) {
                groups.add(new ArrayList<>());
            }
            Map<String, String> settings =
                    AgentConfigFile.settings(m, eag, brokerUrl, keyDir(m), agentDataDir(m), tuning);
            groups.get(m.process()).add(AgentConfigFile.write(agentConfig(m), m, settings));
        }
        return groups.stream().map(List::copyOf).toList();
    }
}
