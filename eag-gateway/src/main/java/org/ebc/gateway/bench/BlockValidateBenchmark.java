package org.ebc.gateway.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Sha256;
import org.ebc.crypto.Signatures;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.gateway.chain.BlockAssembler;
import org.ebc.gateway.chain.BlockReason;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.chain.BlockVerdict;
import org.ebc.gateway.chain.InMemoryChainState;
import org.ebc.gateway.chain.InMemoryEnrollments;
import org.ebc.gateway.chain.Miner;
import org.ebc.gateway.chain.MiningJob;
import org.ebc.gateway.chain.WorkSharing;
import org.ebc.ledger.Block;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.Target;
import org.ebc.ledger.TxBody;
import org.ebc.payment.Cosign;
import org.ebc.payment.Transfer;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * {@code eag-gateway bench-block-validate}: how long the one block validator takes for a block of N real
 * transfers (each a payer-signed transfer, a payee-signed cosign and an EAG-signed admission: three P-256
 * signatures), against how many raw P-256 verifications per second the same threads manage on the same
 * signatures in the same run. Everything is real: an authority root, EAG certificates, a signed genesis,
 * W wallets with their own keys enrolled at the EAGs, block 1 paying their allocations, block 2 the
 * transfers, mined and signed. Raw and validation runs alternate, so a change of load hits both.
 */
public final class BlockValidateBenchmark {
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    /**
     * @param transactions transfers in the measured block
     * @param wallets paying wallets (each pays the next one, transactions / wallets times, nonces in order)
     * @param eags EAGs in the genesis (the wallets' homes, round-robin)
     * @param threads threads for validation and for the raw measurement, the caller included
     * @param rounds timed runs of each, after one untimed warm-up run of each
     * @param hashPeriod how long each SHA-256 rate is measured (after a warm-up as long)
     */
    public record Options(int transactions, int wallets, int eags, int threads, int rounds, Duration hashPeriod) {}

    /**
     * @param transactions transfers in the block
     * @param signatures signatures the validator checks (3 per transfer + the miner's)
     * @param blockBytes the encoded block's size
     * @param validationSeconds each timed validation, seconds
     * @param rawSeconds each timed raw verification of the same signatures, seconds
     * @param validationCpuSeconds CPU time of all threads used, for each timed validation
     * @param rawCpuSeconds CPU time of all threads used, for each timed raw verification
     * @param threads threads used by both
     * @param hashes SHA-256 rates
     */
    public record Result(
            int transactions,
            int signatures,
            int blockBytes,
            double[] validationSeconds,
            double[] rawSeconds,
            double[] validationCpuSeconds,
            double[] rawCpuSeconds,
            int threads,
            HashRate.Figures hashes) {}

    private BlockValidateBenchmark() {}

    public static Result run(Options o, PrintStream progress) {
        List<Thread> workers = new CopyOnWriteArrayList<>();
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(Math.max(1, o.threads() - 1), r -> {
            Thread t = new Thread(r, "bench-validate");
            t.setDaemon(true);
            workers.add(t);
            return t;
        });
        pool.prestartAllCoreThreads();
        try {
            return run(o, pool, () -> cpuSeconds(workers), progress);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * CPU time of the pool's threads and the calling thread, seconds. On a shared machine the wall clock also
     * counts waiting for a core; CPU time shows the work done.
     */
    private static double cpuSeconds(List<Thread> workers) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long ns = mx.getCurrentThreadCpuTime();
        for (Thread t : workers) {
            long c = mx.getThreadCpuTime(t.threadId());
            ns += Math.max(0, c);
        }
        return ns / 1e9;
    }

    private static Result run(Options o, ExecutorService pool, DoubleSupplier cpu, PrintStream progress) {
        progress.printf("setting up: authority, %d EAGs, genesis, %d wallet keys%n", o.eags(), o.wallets());
        KeyPair rootKeys = KeyPairs.generate();
        X509Certificate root = Certificates.selfSignedAuthority(
                rootKeys,
                "bench-authority",
                T0.minus(Duration.ofDays(1)),
                T0.plus(Duration.ofDays(3650)),
                BigInteger.ONE);
        List<KeyPair> eagKeys = new ArrayList<>();
        var builder = Genesis.builder()
                .consortium("bench consortium")
                .time(T0)
                .initialTarget(Target.ofLeadingZeroBits(8))
                .allocationPerNode(CoinAmount.ofCoins(1000));
        for (int i = 1; i <= o.eags(); i++) {
            KeyPair k = KeyPairs.generate();
            eagKeys.add(k);
            X509Certificate cert = Certificates.issue(
                    root,
                    rootKeys.getPrivate(),
                    k.getPublic(),
                    CertificateSubject.eag("eag-" + i),
                    T0.minus(Duration.ofDays(1)),
                    T0.plus(Duration.ofDays(365)),
                    BigInteger.valueOf(100 + i),
                    false);
            builder.eag(EagId.of("eag-" + i), cert);
        }
        Genesis genesis = Genesis.verify(builder.sign(rootKeys, root), root).orElseThrow();
        KeyPair[] wallets = new KeyPair[o.wallets()];
        WorkSharing.run(pool, o.threads(), o.wallets(), i -> wallets[i] = KeyPairs.generate());
        InMemoryEnrollments enrollments = InMemoryEnrollments.EMPTY;
        for (int i = 0; i < o.wallets(); i++) {
            enrollments = enrollments.with(node(i), eag(i, o), List.of(WalletAddress.of(wallets[i].getPublic())));
        }
        InMemoryChainState state = InMemoryChainState.atGenesis(genesis, enrollments);
        BlockValidator validator = new BlockValidator(genesis, pool, o.threads(), BlockValidator.chainRules(genesis));
        Clock clock = Clock.fixed(T0.plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        BlockAssembler assembler = new BlockAssembler(validator);

        progress.printf("block 1: %d allocations%n", o.wallets());
        LedgerTransaction[] allocations = new LedgerTransaction[o.wallets()];
        WorkSharing.run(
                pool,
                o.threads(),
                o.wallets(),
                i -> allocations[i] = admit(
                        genesis,
                        LedgerTransaction.sign(
                                eag(i, o),
                                i + 1,
                                T0.toEpochMilli() + 1,
                                new TxBody.AllocationTx(
                                        WalletAddress.of(wallets[i].getPublic()), CoinAmount.ofCoins(1000), node(i)),
                                eagKeys.get(i % o.eags()))));
        Block first = mine(assembler, state, Arrays.asList(allocations), T0.toEpochMilli() + 10_000, eagKeys.get(0));
        BlockVerdict v1 = validator.validate(first, state, clock);
        if (!v1.isValid()) {
            throw new IllegalStateException("block 1 refused: " + v1.reason() + ": " + v1.detail());
        }
        state = state.apply(v1.effectsOrThrow());

        progress.printf(
                "block 2: signing %d transfers, cosigns and admissions (%d signatures)%n",
                o.transactions(), 3 * o.transactions());
        LedgerTransaction[] transfers = new LedgerTransaction[o.transactions()];
        int perWallet = (o.transactions() + o.wallets() - 1) / o.wallets();
        AtomicInteger signed = new AtomicInteger();
        WorkSharing.run(pool, o.threads(), o.transactions(), t -> {
            int payer = t % o.wallets();
            int payee = (payer + 1) % o.wallets();
            long nonce = (long) (t / o.wallets()) + 1;
            long ts = T0.toEpochMilli() + 15_000;
            Transfer transfer = new Transfer(
                    WalletAddress.of(wallets[payer].getPublic()),
                    nonce,
                    Instant.ofEpochMilli(ts),
                    WalletAddress.of(wallets[payee].getPublic()),
                    CoinAmount.ofMinorUnits(1_000 + t),
                    "bench-" + payer + "-" + nonce,
                    wallets[payer].getPublic());
            byte[] signedTransfer = transfer.sign(wallets[payer].getPrivate());
            byte[] cosign = Cosign.of(
                            transfer,
                            Sha256.hex(signedTransfer),
                            wallets[payee].getPublic(),
                            Instant.ofEpochMilli(ts + 1))
                    .sign(wallets[payee].getPrivate());
            transfers[t] = admit(
                    genesis,
                    LedgerTransaction.sign(
                            eag(payer, o),
                            o.wallets() + t + 1L,
                            ts + 2,
                            TxBody.TransferTx.of(signedTransfer, cosign),
                            eagKeys.get(payer % o.eags())));
            int n = signed.incrementAndGet();
            if (n % 2000 == 0) {
                progress.printf("  %d / %d%n", n, o.transactions());
            }
        });
        // Nonce order per payer: transaction t pays nonce t / wallets + 1, so block order t is already nonce order.
        Block second =
                mine(assembler, state, Arrays.asList(transfers), T0.toEpochMilli() + 20_000, eagKeys.get(1 % o.eags()));
        if (second.transactions().size() != o.transactions()) {
            throw new IllegalStateException(
                    "the assembler left out transfers (wallets " + o.wallets() + ", " + perWallet + " transfers each)");
        }
        byte[] encoded = second.encode();
        Raw raw = Raw.of(second, genesis);

        progress.printf(
                "measuring: %d rounds of validation and of raw verification on %d threads%n", o.rounds(), o.threads());
        double[] validation = new double[o.rounds()];
        double[] rawTimes = new double[o.rounds()];
        double[] validationCpu = new double[o.rounds()];
        double[] rawCpu = new double[o.rounds()];
        for (int round = -1; round < o.rounds(); round++) {
            double c0 = cpu.getAsDouble();
            double r = raw.seconds(pool, o.threads());
            double c1 = cpu.getAsDouble();
            long t0 = System.nanoTime();
            BlockVerdict v = validator.validate(encoded, state, clock);
            double s = (System.nanoTime() - t0) / 1e9;
            double c2 = cpu.getAsDouble();
            if (v.reason() != BlockReason.VALID) {
                throw new IllegalStateException("block 2 refused: " + v.reason() + ": " + v.detail());
            }
            if (round >= 0) {
                validation[round] = s;
                rawTimes[round] = r;
                validationCpu[round] = c2 - c1;
                rawCpu[round] = c1 - c0;
            }
            progress.printf(
                    "  %s: validation %.3f s (CPU %.3f s), raw %.3f s (CPU %.3f s)%n",
                    round < 0 ? "warm-up" : "round " + (round + 1), s, c2 - c1, r, c1 - c0);
        }
        progress.println("measuring SHA-256 (1 thread)");
        HashRate.Figures hashes = HashRate.measure(second.header(), o.hashPeriod());
        return new Result(
                o.transactions(),
                raw.count(),
                encoded.length,
                validation,
                rawTimes,
                validationCpu,
                rawCpu,
                o.threads(),
                hashes);
    }

    private static NodeId node(int i) {
        return NodeId.of("node-" + i);
    }

    private static EagId eag(int wallet, Options o) {
        return EagId.of("eag-" + (wallet % o.eags() + 1));
    }

    private static LedgerTransaction admit(Genesis g, byte[] raw) {
        return LedgerTransaction.verify(raw, g::memberByKeyId).orElseThrow();
    }

    private static Block mine(
            BlockAssembler assembler,
            InMemoryChainState state,
            List<LedgerTransaction> txs,
            long ts,
            KeyPair minerKeys) {
        EagId miner = state.genesis()
                .memberByAddress(WalletAddress.of(minerKeys.getPublic()))
                .orElseThrow()
                .id();
        BlockAssembler.Candidate c = assembler.assemble(state, miner, txs, ts, Block.MAX_TRANSACTIONS);
        Miner.Result r =
                new Miner().mine(c.template(), new MiningJob(c.template().height()));
        return c.sign(r.headerOrThrow(), minerKeys);
    }

    /** The block's signatures as raw (key, payload, signature) triples, keys already decoded. */
    private record Raw(PublicKey[] keys, byte[][] payloads, byte[][] signatures) {
        static Raw of(Block b, Genesis g) {
            List<PublicKey> keys = new ArrayList<>();
            List<byte[]> payloads = new ArrayList<>();
            List<byte[]> sigs = new ArrayList<>();
            PublicKey miner = g.member(b.header().miner()).orElseThrow().key();
            keys.add(miner);
            payloads.add(b.header().bytes());
            sigs.add(b.minerSignature());
            for (byte[] envelope : b.transactions()) {
                LedgerTransaction tx = admit(g, envelope);
                TxBody.TransferTx t = (TxBody.TransferTx) tx.body();
                add(
                        keys,
                        payloads,
                        sigs,
                        g.member(tx.admittedBy()).orElseThrow().key(),
                        envelope);
                add(keys, payloads, sigs, t.transfer().key(), t.transferEnvelope());
                add(keys, payloads, sigs, t.cosign().key(), t.cosignEnvelope());
            }
            return new Raw(
                    keys.toArray(PublicKey[]::new), payloads.toArray(byte[][]::new), sigs.toArray(byte[][]::new));
        }

        private static void add(
                List<PublicKey> keys, List<byte[]> payloads, List<byte[]> sigs, PublicKey k, byte[] env) {
            SignedEnvelope e = EnvelopeCodec.frame(env, Integer.MAX_VALUE).envelope();
            keys.add(k);
            payloads.add(e.payloadBytes());
            sigs.add(e.signatureDer());
        }

        int count() {
            return keys.length;
        }

        /** Verifies every signature once on {@code threads} threads; seconds taken. */
        double seconds(ExecutorService pool, int threads) {
            int chunk = 32;
            int tasks = (keys.length + chunk - 1) / chunk;
            AtomicInteger failures = new AtomicInteger();
            long t0 = System.nanoTime();
            WorkSharing.run(pool, threads, tasks, c -> {
                int end = Math.min(keys.length, (c + 1) * chunk);
                for (int i = c * chunk; i < end; i++) {
                    if (!Signatures.verify(keys[i], payloads[i], signatures[i])) {
                        failures.incrementAndGet();
                    }
                }
            });
            double s = (System.nanoTime() - t0) / 1e9;
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " correct signature(s) failed to verify");
            }
            return s;
        }
    }

    public static void print(Result r, PrintStream out) {
        double[] v = r.validationSeconds().clone();
        double[] w = r.rawSeconds().clone();
        Arrays.sort(v);
        Arrays.sort(w);
        double vBest = v[0];
        double vMedian = v[v.length / 2];
        double rBest = w[0];
        double rMedian = w[w.length / 2];
        int sigs = r.signatures();
        out.printf(
                "RESULT block              %d transfers, %d signatures (3 per transfer + the miner's), %.2f MB%n",
                r.transactions(), sigs, r.blockBytes() / 1e6);
        out.printf(
                "RESULT block validation   %.3f s best, %.3f s median of %d (%d threads): %.0f transfers/s%n",
                vBest, vMedian, v.length, r.threads(), r.transactions() / vMedian);
        out.printf("RESULT signatures/s       %.0f best, %.0f median (validation)%n", sigs / vBest, sigs / vMedian);
        out.printf(
                "RESULT raw verify/s       %.0f best, %.0f median (Signatures.verify on the same %d signatures, same threads)%n",
                sigs / rBest, sigs / rMedian, sigs);
        out.printf(
                "RESULT ratio              %.2f median (%.2f best/best): validation signatures/s ÷ raw verifications/s; target ≥ 0.8%n",
                rMedian / vMedian, rBest / vBest);
        double[] paired = new double[v.length];
        for (int i = 0; i < paired.length; i++) {
            paired[i] = r.rawSeconds()[i] / r.validationSeconds()[i];
        }
        Arrays.sort(paired);
        out.printf(
                "RESULT ratio per round     %.2f median, %.2f to %.2f (raw ÷ validation time of each alternating pair)%n",
                paired[paired.length / 2], paired[0], paired[paired.length - 1]);
        double[] vc = r.validationCpuSeconds().clone();
        double[] rc = r.rawCpuSeconds().clone();
        Arrays.sort(vc);
        Arrays.sort(rc);
        out.printf(
                "RESULT CPU time           validation %.3f s, raw %.3f s (medians, all threads): ratio %.2f; %.0f signatures per CPU-second validating%n",
                vc[vc.length / 2], rc[rc.length / 2], rc[rc.length / 2] / vc[vc.length / 2], sigs / vc[vc.length / 2]);
        HashRate.Figures h = r.hashes();
        out.printf(
                "RESULT sha-256 hashes/s   JDK %.2f M, Bouncy Castle provider %.2f M, Bouncy Castle SHA256Digest %.2f M (224-byte headers, per CPU-second of 1 thread): JDK %.1f× BC%n",
                h.jdk() / 1e6,
                h.bcProvider() / 1e6,
                h.bcDigest() / 1e6,
                h.jdk() / Math.max(h.bcProvider(), h.bcDigest()));
        out.printf(
                "RESULT mining nonces/s    %.2f M (Miner, JDK digest with the 192-byte midstate, per CPU-second of 1 thread)%n",
                h.miner() / 1e6);
    }
}
