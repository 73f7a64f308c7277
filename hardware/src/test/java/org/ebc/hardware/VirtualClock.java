package org.ebc.hardware;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A monotonic nanosecond clock that only moves when a test moves it. Thread-safe. */
public final class VirtualClock implements LongSupplier {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    public void advance(Duration d) {
        advanceNanos(d.toNanos());
    }

    public void advanceNanos(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("a monotonic clock never goes back: " + n);
        }
        nanos.addAndGet(n);
    }
}
