package org.ebc.gateway.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Sha256;
import org.ebc.gateway.payment.AddressBook;
import org.ebc.gateway.payment.Blacklist;
import org.ebc.gateway.payment.HomeEags;
import org.ebc.gateway.payment.InMemoryPaymentStore;
import org.ebc.gateway.payment.Outcome;
import org.ebc.gateway.payment.PaymentSettings;
import org.ebc.gateway.payment.PaymentStore;
import org.ebc.gateway.payment.Payments;
import org.ebc.gateway.payment.SettledSlot;
import org.ebc.gateway.payment.Signer;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqlitePaymentStore;
import org.ebc.payment.Cosign;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * {@code eag-gateway bench-payments}: payments per second through the payment core on one thread (the
 * trade desk's), each one a payer's signed transfer and the payee's co-signature handed over as raw bytes
 * (so {@code PaymentCheck} verifies both signatures) and applied: admitted, co-signed, coins moved, the
 * record in the memory pool. Against the SQLite store every payment is two fsync'd transactions; against
 * the in-memory store it is the core and the two verifications alone. In the same run, the raw P-256
 * verification rate on one thread is the yardstick: a payment needs two verifications, so raw ÷ 2 bounds
 * it. Transfers and co-signatures are signed before the clock starts (the nodes sign them, not the EAG).
 */
public final class PaymentBenchmark {
    static final EagId EAG = EagId.of("eag-bench");
    private static final int BILLS_PER_SLOT = 1_000;
    /** The defaults without proof-of-flow awards, so that the memory pool holds exactly the payments. */
    private static final PaymentSettings NO_AWARDS = new PaymentSettings(
            PaymentSettings.DEFAULTS.initialAllocation(),
            PaymentSettings.DEFAULTS.gridAllocation(),
            PaymentSettings.DEFAULTS.cosignTimeout(),
            PaymentSettings.DEFAULTS.pofPeriodSlots(),
            CoinAmount.ZERO,
            PaymentSettings.DEFAULTS.creditInitial(),
            PaymentSettings.DEFAULTS.creditPerBill());

    /**
     * @param payments timed payments per store
     * @param warmup payments made first, untimed (JIT)
     * @param payers paying nodes (as many payees), round robin, so each payer's nonces rise in turn
     * @param sqlite measure against SQLite (a fresh file in a temporary directory)
     * @param memory measure against the in-memory store
     * @param rawPeriod how long the raw verification measurement runs (after a warm-up as long)
     */
    public record Options(int payments, int warmup, int payers, boolean sqlite, boolean memory, Duration rawPeriod) {}

    /**
     * Rates per second; a store not measured is empty. {@code rawVerify} is the mean of the raw rate measured
     * before and after the payments ({@code rawBefore}, {@code rawAfter}), so a machine that got busier or
     * quieter meanwhile shows.
     */
    public record Result(
            int payments, double rawBefore, double rawAfter, OptionalDouble sqlite, OptionalDouble memory) {
        public double rawVerify() {
            return (rawBefore + rawAfter) / 2;
        }
    }

    private PaymentBenchmark() {}

    public static Result run(Options o, PrintStream progress) throws InterruptedException, IOException {
        progress.println("raw P-256 verifications on 1 thread …");
        double raw = new RawVerifyRate().measure(1, o.rawPeriod());
        OptionalDouble memory = OptionalDouble.empty();
        OptionalDouble sqlite = OptionalDouble.empty();
        if (o.memory()) {
            progress.println("payments through the core with the in-memory store …");
            memory = OptionalDouble.of(measure(new InMemoryPaymentStore(), o));
        }
        if (o.sqlite()) {
            Path dir = Files.createTempDirectory("ebc-bench-payments");
            progress.println("payments through the core with SQLite in " + dir + " …");
            try (SqlitePaymentStore store =
                    new SqlitePaymentStore(GatewayDatabase.openMigrated(GatewayDatabase.file(dir)))) {
                sqlite = OptionalDouble.of(measure(store, o));
            } catch (SQLException e) {
                throw new IOException("cannot open the benchmark's database: " + e.getMessage(), e);
            } finally {
                deleteTree(dir);
            }
        }
        progress.println("raw P-256 verifications on 1 thread again …");
        double rawAfter = new RawVerifyRate().measure(1, o.rawPeriod());
        return new Result(o.payments(), raw, rawAfter, sqlite, memory);
    }

    public static void print(Result r, PrintStream out) {
        out.printf(
                "RESULT raw verify        %8.0f verifications/s on 1 thread (%.0f before, %.0f after; a payment needs 2: bound %.0f payments/s)%n",
                r.rawVerify(), r.rawBefore(), r.rawAfter(), r.rawVerify() / 2);
        r.memory()
                .ifPresent(m -> out.printf(
                        "RESULT payments memory   %8.0f payments/s (%d; 2 verifications each, in-memory store) = %.2f of the bound%n",
                        m, r.payments(), m / (r.rawVerify() / 2)));
        r.sqlite()
                .ifPresent(s -> out.printf(
                        "RESULT payments sqlite   %8.0f payments/s (%d; 2 verifications + 2 fsync'd SQLite transactions each) = %.2f of the bound%n",
                        s, r.payments(), s / (r.rawVerify() / 2)));
    }

    private record Party(NodeId node, KeyPair wallet, WalletAddress address) {}

    private record Payment(byte[] transfer, byte[] cosign, NodeId payer, NodeId payee) {}

    private static double measure(PaymentStore store, Options o) {
        KeyPair eagKey = KeyPairs.generate();
        Map<WalletAddress, NodeId> owners = new ConcurrentHashMap<>();
        AddressBook book = new AddressBook() {
            @Override
            public Optional<NodeId> ownerOf(WalletAddress address) {
                return Optional.ofNullable(owners.get(address));
            }

            @Override
            public List<WalletAddress> walletsOf(NodeId node) {
                return owners.entrySet().stream()
                        .filter(e -> e.getValue().equals(node))
                        .map(Map.Entry::getKey)
                        .toList();
            }
        };
        Clock clock = Clock.systemUTC();
        Payments payments = new Payments(
                EAG,
                NO_AWARDS,
                store,
                book,
                HomeEags.ALL_HERE,
                Blacklist.NONE,
                Signer.of(eagKey.getPublic(), eagKey.getPrivate()),
                clock);
        List<Party> payers = parties("payer", o.payers(), owners);
        List<Party> payees = parties("payee", o.payers(), owners);
        for (Party p : payers) {
            payments.mint("bench:" + p.node().value(), p.address(), CoinAmount.ofCoins(1_000_000));
        }
        int total = o.warmup() + o.payments();
        Price price = Price.ofMinorUnitsPerKWh(CoinAmount.ofCoins(1).minorUnits());
        Instant slot = Instant.ofEpochMilli(clock.millis() / 900_000 * 900_000);
        List<Payment> script = new ArrayList<>();
        List<Bill> bills = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            Party payer = payers.get(i % payers.size());
            Party payee = payees.get(i % payees.size());
            Bill b = new Bill(
                    EAG,
                    i + 1,
                    clock.instant(),
                    "bench-" + i,
                    slot,
                    Bill.P2P,
                    payer.address(),
                    payee.address(),
                    Energy.ofWh(1_000),
                    price,
                    price.costOf(Energy.ofWh(1_000)));
            bills.add(b);
            if (bills.size() == BILLS_PER_SLOT || i == total - 1) {
                expect(
                        payments.settled(new SettledSlot(slot, Duration.ofMinutes(15), bills)),
                        Outcome.Status.ACCEPTED,
                        "bills");
                bills = new ArrayList<>();
                slot = slot.plus(Duration.ofMinutes(15));
            }
            Transfer t = new Transfer(
                    payer.address(),
                    i / payers.size() + 1,
                    clock.instant(),
                    payee.address(),
                    b.amount(),
                    b.id(),
                    payer.wallet().getPublic());
            byte[] raw = t.sign(payer.wallet().getPrivate());
            byte[] cosign = Cosign.of(t, Sha256.hex(raw), payee.wallet().getPublic(), clock.instant())
                    .sign(payee.wallet().getPrivate());
            script.add(new Payment(raw, cosign, payer.node(), payee.node()));
        }
        for (Payment p : script.subList(0, o.warmup())) {
            pay(payments, p);
        }
        long t0 = System.nanoTime();
        for (Payment p : script.subList(o.warmup(), total)) {
            pay(payments, p);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!payments.totals().conserved() || payments.memoryPool().readyCount() != total + 0L) {
            throw new IllegalStateException(
                    "the run did not end with every payment applied and coins conserved: " + payments.totals());
        }
        return o.payments() / seconds;
    }

    private static void pay(Payments payments, Payment p) {
        expect(payments.submitTransfer(p.payer(), p.transfer()), Outcome.Status.PENDING, "transfer");
        expect(payments.submitCosign(p.payee(), p.cosign()), Outcome.Status.APPLIED, "co-signature");
    }

    private static void expect(Outcome o, Outcome.Status status, String what) {
        if (o.status() != status) {
            throw new IllegalStateException(
                    "a benchmark " + what + " was " + o.status() + " " + o.reasonText() + ": " + o.detail());
        }
    }

    private static List<Party> parties(String prefix, int n, Map<WalletAddress, NodeId> owners) {
        List<Party> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            KeyPair k = KeyPairs.generate();
            Party p = new Party(NodeId.of(prefix + "-" + i), k, WalletAddress.of(k.getPublic()));
            owners.put(p.address(), p.node());
            out.add(p);
        }
        return out;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the benchmark's temporary directory " + dir, e);
        }
    }
}
