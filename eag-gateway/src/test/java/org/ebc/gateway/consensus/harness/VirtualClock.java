package org.ebc.gateway.consensus.harness;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the simulation moves; starts at a fixed instant so runs are repeatable. */
public final class VirtualClock extends Clock {
    private long millis = 1_795_767_300_000L;

    @Override
    public long millis() {
        return millis;
    }

    public void set(long millis) {
        if (millis < this.millis) {
            throw new IllegalStateException("time does not go back");
        }
        this.millis = millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulation has one clock");
    }
}
