package org.ebc.gateway.bench;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Signatures;
import org.ebc.ocmf.ClockStatus;
import org.ebc.ocmf.Obis;
import org.ebc.ocmf.OcmfCodec;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.ocmf.OcmfReading;
import org.ebc.units.Energy;
import org.ebc.units.PageCounter;

/**
 * The yardstick of the ingest benchmark: how many P-256 signatures over OCMF payloads Bouncy Castle
 * verifies per second on this machine ({@link Signatures#verify} in a loop, the call the gateway's
 * verifier makes), on a given number of threads. Each thread verifies its own set of distinct records,
 * so no result is cached anywhere.
 */
final class RawVerifyRate {
    private static final int SAMPLES = 256;

    private final KeyPair key = KeyPairs.generate();
    private final List<byte[]> payloads = new ArrayList<>();
    private final List<byte[]> signatures = new ArrayList<>();

    RawVerifyRate() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int page = 1; page <= SAMPLES; page++) {
            OcmfPayload p = new OcmfPayload(
                    "1.0",
                    "ebc bench-ingest",
                    "node-raw",
                    "bench",
                    PageCounter.of(page),
                    "",
                    "simulated",
                    "SIM-RAW",
                    "",
                    List.of(
                            new OcmfReading(
                                    t.plusSeconds(page),
                                    ClockStatus.S,
                                    "T",
                                    Energy.ofWh(10L * page),
                                    Obis.IMPORT_ACTIVE_ENERGY,
                                    "",
                                    "G"),
                            new OcmfReading(
                                    t.plusSeconds(page),
                                    ClockStatus.S,
                                    "T",
                                    Energy.ofWh(page),
                                    Obis.EXPORT_ACTIVE_ENERGY,
                                    "",
                                    "G")));
            byte[] bytes = OcmfCodec.payloadBytes(p);
            payloads.add(bytes);
            signatures.add(Signatures.sign(key.getPrivate(), bytes));
        }
    }

    /**
     * Verifications per second on {@code threads} threads, after a warm-up of the same length (JIT).
     *
     * @throws IllegalStateException if a signature fails to verify (the measurement would be meaningless)
     */
    double measure(int threads, Duration duration) throws InterruptedException {
        run(threads, duration);
        return run(threads, duration);
    }

    private double run(int threads, Duration duration) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong total = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int offset = i * 31;
            Thread t = new Thread(
                    () -> {
                        ready.countDown();
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long n = 0;
                        int k = offset;
                        while (!stop.get()) {
                            int s = k++ % SAMPLES;
                            if (!Signatures.verify(key.getPublic(), payloads.get(s), signatures.get(s))) {
                                failures.incrementAndGet();
                            }
                            n++;
                        }
                        total.addAndGet(n);
                    },
                    "raw-verify-" + i);
            workers.add(t);
            t.start();
        }
        ready.await();
        long t0 = System.nanoTime();
        go.countDown();
        // A fixed measuring period: the threads run until it is over.
        Thread.sleep(duration.toMillis());
        stop.set(true);
        for (Thread t : workers) {
            t.join();
        }
        long elapsed = System.nanoTime() - t0;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " correct signature(s) failed to verify");
        }
        return total.get() * 1e9 / elapsed;
    }
}
