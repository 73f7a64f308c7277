package org.ebc.gateway.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ebc.gateway.Gateway;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.GatewayStats;
import org.ebc.gateway.broker.BrokerSettings;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.StatusReport;
import org.ebc.gateway.trading.MarketTimeline;
import org.ebc.gateway.trading.PaymentDesk;
import org.ebc.gateway.trading.TransactionServer;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * A running bench: the gateway in this process with its embedded broker, and the simulated meters'
 * agents in separate processes. {@link #start} sets everything up and reports each step; {@link #summary}
 * is the live line; {@link #close} stops the agents (SIGTERM, as systemd would), then the gateway, and
 * {@link #finalReport} says what ended up where.
 *
 * <p>Thread-safety: {@link #close} may run in a shutdown hook while the main thread prints summaries;
 * both are synchronized.
 */
public final class Bench implements AutoCloseable {
    public static final EagId EAG = EagId.of("eag-bench");
    /** An agent's status counts as current for this long (agents publish every 2 s). */
    static final Duration STATUS_FRESH = Duration.ofSeconds(6);

    static final Duration AGENT_STOP_GRACE = Duration.ofSeconds(30);

    /**
     * What to run.
     *
     * @param meters how many simulated meters
     * @param tuning reading interval, time acceleration and extra agent keys
     * @param port the embedded broker's TCP port, 0 for a free one
     * @param dataDir the fresh directory everything goes into
     * @param agentJar the meter agent's runnable jar
     * @param agentJvmOptions options for each agent JVM
     */
    public record Plan(
            int meters,
            AgentConfigFile.Tuning tuning,
            BenchMarket market,
            int port,
            Path dataDir,
            Path agentJar,
            List<String> agentJvmOptions) {
        public Plan {
            Objects.requireNonNull(tuning, "tuning");
            Objects.requireNonNull(market, "market");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(agentJar, "agentJar");
            agentJvmOptions = List.copyOf(agentJvmOptions);
        }
    }

    /** Each raw verification measurement (after a warm-up as long): short, as it only sets the scale. */
    private static final Duration RAW_PERIOD = Duration.ofSeconds(1);

    private final Plan plan;
    private final BenchSite site;
    private final Gateway gateway;
    private final StatusBoard board;
    private final AgentFleet fleet;
    private final LiveSummary live;
    private final Clock clock;
    private final Instant started;
    private List<Integer> agentExitCodes = List.of();
    private final java.util.Set<Long> reported = new java.util.HashSet<>();
    private List<String> lastSlotLines = List.of();
    private List<String> marketSummary = List.of();
    private final BenchLedger ledger;
    private List<String> ledgerSummary = List.of();
    private boolean closed;

    private Bench(
            Plan plan,
            BenchSite site,
            Gateway gateway,
            StatusBoard board,
            AgentFleet fleet,
            Clock clock,
            Instant started,
            BenchLedger ledger) {
        this.ledger = ledger;
        this.plan = plan;
        this.site = site;
        this.gateway = gateway;
        this.board = board;
        this.fleet = fleet;
        this.clock = clock;
        this.started = started;
        this.live = new LiveSummary(plan.meters(), started);
    }

    /** Sets up the directory, starts the gateway and its broker, then the agents; progress goes to {@code out}. */
    public static Bench start(Plan plan, Clock clock, PrintStream out) throws InterruptedException {
        Instant started = clock.instant();
        out.println("bench: data directory " + plan.dataDir().toAbsolutePath());
        List<BenchMeter> meters = MeterRoster.plan(plan.meters(), "node-");
        out.println("bench: " + plan.meters() + " simulated meter(s) on Pi4J mock GPIO: " + profileMix(meters)
                + "; reading every " + plan.tuning().interval().toMillis() + " ms, time ×"
                + plan.tuning().acceleration());
        BenchSite site = BenchSite.prepare(plan.dataDir(), EAG, meters, clock, s -> out.println("bench: " + s));

        out.println("bench: starting the gateway with its embedded MQTT broker on "
                + (plan.port() == 0 ? "a free port" : "port " + plan.port()) + " (127.0.0.1)");
        Map<String, String> broker = new LinkedHashMap<>();
        broker.put(BrokerSettings.MODE, "embedded");
        broker.put(BrokerSettings.HOST, BrokerSettings.DEFAULT_HOST);
        broker.put(BrokerSettings.PORT, String.valueOf(plan.port()));
        broker.putAll(plan.market().gatewayKeys(plan.tuning().acceleration()));
        broker.put(
                GatewayConfig.LEDGER_GENESIS,
                BenchLedger.writeGenesis(site, plan.market(), clock).toString());
        Gateway gateway = Gateway.start(GatewayConfig.of(site.gatewaySettings(broker), clock));
        List<AutoCloseable> opened = new ArrayList<>(List.of(gateway));
        try {
            if (!gateway.awaitReady(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the gateway did not connect to its embedded broker at "
                        + gateway.brokerUri() + " within 60 s");
            }
            out.println("bench: broker " + gateway.brokerUri() + " up; gateway " + EAG + " subscribed, database "
                    + gateway.database());
            StatusBoard board = StatusBoard.open(gateway.brokerUri(), EAG, clock);
            opened.add(board);
            BenchLedger ledger = BenchLedger.of(gateway, s -> out.println("bench: " + s));
            Map<String, String> agentKeys = new LinkedHashMap<>(plan.market().agentKeys());
            agentKeys.putAll(plan.tuning().extra());
            AgentConfigFile.Tuning tuning = new AgentConfigFile.Tuning(
                    plan.tuning().interval(), plan.tuning().acceleration(), agentKeys);
            out.println("bench: market " + plan.market().mode().wireName()
                    + (plan.market().mode() == org.ebc.gateway.market.MarketMode.AUCTION
                            ? " (" + plan.market().pricing().wireName() + ")"
                            : "")
                    + ", slots of " + plan.market().slot().toMillis() + " ms real time ("
                    + plan.market()
                            .slot()
                            .multipliedBy(plan.tuning().acceleration())
                            .toMinutes()
                    + " simulated minutes); a line per slot once it is settled and paid");
            List<List<Path>> configs = site.writeAgentConfigs(gateway.brokerUri(), tuning);
            AgentFleet fleet = AgentFleet.start(
                    AgentFleet.currentJava(), plan.agentJar(), configs, plan.dataDir(), plan.agentJvmOptions());
            out.println("bench: started " + plan.meters() + " meter agent(s) in " + fleet.size() + " process(es) (pid "
                    + fleet.pids()
                    + ", java -jar " + plan.agentJar() + " run --config …; log "
                    + fleet.logs().stream().map(Path::toString).collect(Collectors.joining(", ")) + ")");
            return new Bench(plan, site, gateway, board, fleet, clock, started, ledger);
        } catch (MqttException e) {
            closeAll(opened);
            throw new IllegalStateException(
                    "cannot watch the agents' status on " + gateway.brokerUri() + ": " + e.getMessage(), e);
        } catch (RuntimeException | InterruptedException e) {
            closeAll(opened);
            throw e;
        } catch (Exception e) {
            closeAll(opened);
            throw new IllegalStateException("cannot start the bench: " + e.getMessage(), e);
        }
    }

    public BenchSite site() {
        return site;
    }

    public Gateway gateway() {
        return gateway;
    }

    public AgentFleet fleet() {
        return fleet;
    }

    /** The live summary line. */
    public synchronized String summary() {
        if (closed) {
            return "(stopped)";
        }
        GatewayStats g = gateway.stats();
        Map<String, MeterStatus> statuses = board.latest();
        String line = live.line(g, statuses.values(), board.online(STATUS_FRESH), gateway.brokerUri()) + " | "
                + ledger.line();
        return fleet.exited().map(problem -> line + " | " + problem).orElse(line);
    }

    /**
     * A line for each slot that is settled and whose payments had a slot's time to happen, once: orders, what
     * cleared at which price, the grid, and the slot's bills (paid, open, pending). {@code all} also takes the slots
     * settled last (at the end of a run).
     */
    public synchronized List<String> slotLines(boolean all) {
        if (closed && !all) {
            return List.of();
        }
        TransactionServer.Snapshot s = gateway.trading();
        List<String> out = new ArrayList<>();
        List<MarketTimeline.SettledReport> settled = s.recentSettled();
        for (int i = 0; i < settled.size(); i++) {
            MarketTimeline.SettledReport r = settled.get(i);
            if (reported.contains(r.slot().startMs())) {
                continue;
            }
            // The newest settled slot's bills are being paid right now: report it when the next one settles.
            if (i + 1 == settled.size() && !all) {
                break;
            }
            reported.add(r.slot().startMs());
            Optional<MarketTimeline.SlotReport> c = s.recentSlots().stream()
                    .filter(x -> x.slot().equals(r.slot()))
                    .findFirst();
            PaymentDesk.SlotBills b = gateway.bills(r.slot().start());
            out.add(SlotLine.of(r, c, b));
        }
        return out;
    }

    /** Stops the agents (SIGTERM, then waits), then the gateway and its broker. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        agentExitCodes = fleet.stop(AGENT_STOP_GRACE);
        lastSlotLines = slotLines(true);
        // The ledger first: it stops mining and waits until the last blocks' rewards are in the payment core, so the
        // market's coin count and the chain's agree on what was minted.
        ledgerSummary = ledgerSummary();
        marketSummary = marketSummary();
        closed = true;
        board.close();
        gateway.close();
    }

    /**
     * The two books side by side: the coins on chain are the payment core's less the allocations still waiting in its
     * pool (the grid account's float among them, which the chain never grants); mining rewards and paid awards are in
     * both once their blocks are committed ({@code CoinbaseCredit}).
     */
    private String coinsAgree(org.ebc.gateway.ledger.LedgerCheck.Report r) {
        // The last blocks' rewards reach the payment core at its next tick (about a second): wait for them.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (gateway.coinbaseCreditsPending() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        CoinAmount core = gateway.payments().totals().balances();
        CoinAmount waiting = CoinAmount.ZERO;
        for (org.ebc.gateway.payment.PoolEntry e :
                gateway.payments().memoryPool().ready()) {
            if (e.entry() instanceof org.ebc.gateway.payment.LedgerEntry.AllocationEntry a) {
                waiting = waiting.plus(a.amount());
            }
        }
        CoinAmount chain = r.state().supply();
        return "bench: ledger: coins on chain " + chain + " = the payment core's " + core + " less " + waiting
                + " of allocations still in its pool (the grid float): "
                + (chain.equals(core.minus(waiting)) ? "the books agree" : "THE BOOKS DIFFER");
    }

    /** The chain at the end: stops the ledger, re-checks it from genesis, and says how to check it by hand. */
    private List<String> ledgerSummary() {
        long height = ledger.height();
        try {
            org.ebc.gateway.ledger.LedgerCheck.Report r = ledger.stopAndCheck();
            long waiting = gateway.payments().memoryPool().readyCount();
            return List.of(
                    String.format(
                            "bench: ledger: %d block(s) holding %d transaction(s), %d pool entr%s still waiting for a block;"
                                    + " re-checked from genesis: %s",
                            height,
                            r.transactions(),
                            waiting,
                            waiting == 1 ? "y" : "ies",
                            r.ok()
                                    ? "every block, certificate, signature and balance holds"
                                    : "FAILED: " + r.finding()),
                    coinsAgree(r),
                    "bench: ledger: check it yourself: eag-gateway ledger verify --data " + site.gatewayDir()
                            + " --genesis " + ledger.genesisFile() + " --ca "
                            + site.authorityDir().resolve("ca.crt"));
        } catch (SQLException | RuntimeException e) {
            return List.of("bench: ledger: cannot re-check the chain: " + e.getMessage());
        }
    }

    /** The market and the payments over the whole run, taken just before the gateway stops. */
    private List<String> marketSummary() {
        TransactionServer.Snapshot s = gateway.trading();
        org.ebc.gateway.payment.Totals t = gateway.payments().totals();
        List<org.ebc.gateway.payment.BillRecord> bills =
                gateway.payments().bills(org.ebc.gateway.payment.BillFilter.ALL);
        long paid = bills.stream()
                .filter(b -> b.status() == org.ebc.gateway.payment.BillStatus.PAID)
                .count();
        long pending = bills.stream()
                .filter(b -> b.status() == org.ebc.gateway.payment.BillStatus.PENDING)
                .count();
        List<String> out = new ArrayList<>();
        out.add(String.format(
                "bench: market: %d order(s) accepted, refused %s; %d slot(s) cleared, %d settled; %d bill(s): %d paid, %d open,"
                        + " %d pending",
                s.ordersAccepted(),
                LiveSummary.rejected(s.refused()),
                s.slotsCleared(),
                s.slotsSettled(),
                bills.size(),
                paid,
                bills.size() - paid - pending,
                pending));
        out.add(String.format(
                "bench: coins: %s in %d account(s) = %s allocated + %s minted: %s",
                t.balances(), t.accounts(), t.allocated(), t.minted(), t.conserved() ? "conserved" : "NOT CONSERVED"));
        out.add(paymentTimes(bills));
        gateway.credit().ifPresent(c -> out.add(creditSummary(c, bills, site.gatewayProperties())));
        return out;
    }

    /** The credit bank over the run: loans, bills its loans paid, loan bills, and the books. */
    static String creditSummary(
            org.ebc.gateway.trading.HostedCredit credit,
            List<org.ebc.gateway.payment.BillRecord> bills,
            java.nio.file.Path properties) {
        List<org.ebc.gateway.credit.Loan> loans = credit.bank().loans();
        long repaid = loans.stream()
                .filter(l -> l.status() == org.ebc.gateway.credit.Loan.Status.REPAID)
                .count();
        long covered = bills.stream()
                .filter(org.ebc.gateway.payment.BillRecord::covered)
                .count();
        long loanBills = bills.stream()
                .filter(b -> b.bill().kind().equals(org.ebc.trade.Bill.LOAN))
                .count();
        org.ebc.gateway.credit.CreditBank.Audit audit = credit.bank().audit();
        return String.format(
                "bench: credit: %d loan(s) (%d repaid), %d bill(s) paid by loans, %d loan bill(s); the bank's books %s"
                        + " (%s); eag-gateway credit loans --config %s",
                loans.size(),
                repaid,
                covered,
                loanBills,
                audit.balances() ? "balance" : "DO NOT BALANCE",
                audit.equity(),
                properties);
    }

    /**
     * The payments' end-to-end figures, next to the raw verification rate measured now, in the same process, with
     * the agents stopped (the yardstick of every signature path: a payment needs two verifications at the gateway).
     */
    private static String paymentTimes(List<org.ebc.gateway.payment.BillRecord> bills) {
        PaymentTimes times = PaymentTimes.of(bills);
        int threads = Runtime.getRuntime().availableProcessors();
        try {
            RawVerifyRate raw = new RawVerifyRate();
            double one = raw.measure(1, RAW_PERIOD);
            double all = raw.measure(threads, RAW_PERIOD);
            return times.line(one, all, threads);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return times.line(Double.NaN, Double.NaN, threads) + " (raw rate not measured: interrupted)";
        }
    }

    /** What the run left behind, read from the gateway's database and every agent's file; after {@link #close}. */
    public synchronized List<String> finalReport() {
        List<String> out = new ArrayList<>(lastSlotLines);
        out.addAll(marketSummary);
        out.addAll(ledgerSummary);
        out.add(String.format(
                "bench: ran %d s with %d meter(s); agent process exit code(s) %s (143 or 130: a clean stop on SIGTERM or Ctrl-C)",
                Duration.between(started, clock.instant()).toSeconds(), plan.meters(), agentExitCodes));
        try (Connection c = GatewayDatabase.openReader(GatewayDatabase.file(site.gatewayDir()))) {
            StatusReport r = StatusReport.read(c, 0);
            long withReadings = r.nodes().stream().filter(n -> n.readings() > 0).count();
            out.add(String.format(
                    "bench: gateway database %s: %d reading(s) from %d meter(s), %d re-deliveries, rejected %s, %d gap event(s)",
                    GatewayDatabase.file(site.gatewayDir()),
                    r.readings(),
                    withReadings,
                    r.redeliveries(),
                    LiveSummary.rejected(new TreeMap<>(r.rejectionsByReason())),
                    r.gapEvents()));
        } catch (SQLException e) {
            out.add("bench: cannot read the gateway database: " + e.getMessage());
        }
        long signed = 0;
        long outbox = 0;
        long outboxStored = 0;
        long quarantined = 0;
        List<String> unreadable = new ArrayList<>();
        try (Connection c = GatewayDatabase.openReader(GatewayDatabase.file(site.gatewayDir()));
                PreparedStatement held =
                        c.prepareStatement("SELECT COUNT(*) FROM readings WHERE meter_serial = ? AND page = ?")) {
            for (BenchMeter m : site.meters()) {
                try {
                    Optional<AgentBacklog> read = AgentBacklog.read(site.agentDatabase(m));
                    if (read.isEmpty()) {
                        unreadable.add(m.node() + ": agent never started (no database yet)");
                        continue;
                    }
                    AgentBacklog b = read.get();
                    signed += b.lastSignedPage();
                    outbox += b.outbox();
                    quarantined += b.quarantined();
                    for (long page : b.outboxPages()) {
                        held.setString(1, m.meterSerial());
                        held.setLong(2, page);
                        try (ResultSet rs = held.executeQuery()) {
                            outboxStored += rs.next() ? rs.getLong(1) : 0;
                        }
                    }
                } catch (SQLException e) {
                    unreadable.add(m.node() + ": " + e.getMessage());
                }
            }
        } catch (SQLException e) {
            unreadable.add("gateway database: " + e.getMessage());
        }
        String left = outbox == 0
                ? "none left in their outboxes"
                : String.format(
                        "%d record(s) left in their outboxes, %d of them already stored"
                                + " by the gateway (acknowledged after the agents had stopped; the next start clears them)",
                        outbox, outboxStored);
        out.add(String.format(
                "bench: agents signed %d page(s); %s; %d quarantined%s",
                signed, left, quarantined, unreadable.isEmpty() ? "" : "; unreadable: " + unreadable));
        return out;
    }

    static String profileMix(List<BenchMeter> meters) {
        Map<BenchProfile, Long> n = new TreeMap<>(
                meters.stream().collect(Collectors.groupingBy(BenchMeter::profile, Collectors.counting())));
        return n.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().configValue())
                .collect(Collectors.joining(", "));
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // Already failing; the first error is the one reported.
            }
        }
    }
}
