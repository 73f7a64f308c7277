package org.ebc.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ebc.ocmf.ClockStatus;

/**
 * Which OCMF clock letter goes after each reading's time ({@code TM}). Either fixed by the operator
 * ({@code clock.status = S} on a device whose clock an NTP daemon keeps synchronised, {@code U} where
 * nothing does), or {@code auto}: {@code S} while systemd-timesyncd reports a successful synchronisation
 * since boot (it touches {@value #TIMESYNC_FLAG} on each one), {@code U} otherwise. Devices that use chrony
 * or ntpd should configure {@code S} explicitly: their sync state is not visible without their tools.
 *
 * <p>Immutable; thread-safe.
 */
public final class ClockStatusPolicy {
    static final String TIMESYNC_FLAG = "/run/systemd/timesync/synchronized";

    private final ClockStatus fixed;
    private final Path syncFlag;

    private ClockStatusPolicy(ClockStatus fixed, Path syncFlag) {
        this.fixed = fixed;
        this.syncFlag = syncFlag;
    }

    public static ClockStatusPolicy fixed(ClockStatus status) {
        return new ClockStatusPolicy(status, null);
    }

    /** Derived from a sync flag file: {@code S} while it exists, else {@code U}. */
    public static ClockStatusPolicy fromSyncFlag(Path flag) {
        return new ClockStatusPolicy(null, flag);
    }

    /** {@code auto} or one letter; null for anything else (the caller names the key). */
    public static ClockStatusPolicy parse(String text) {
        if ("auto".equalsIgnoreCase(text)) {
            return fromSyncFlag(Path.of(TIMESYNC_FLAG));
        }
        ClockStatus s = ClockStatus.fromLetter(text);
        return s == null ? null : fixed(s);
    }

    /** The letter for a reading taken now. */
    public ClockStatus current() {
        if (fixed != null) {
            return fixed;
        }
        return Files.exists(syncFlag) ? ClockStatus.S : ClockStatus.U;
    }

    @Override
    public String toString() {
        return fixed != null ? fixed.name() : "auto(" + syncFlag + ")";
    }
}
