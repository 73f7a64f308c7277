package org.ebc.gateway.verify;

import java.util.ArrayList;
import java.util.List;
import org.ebc.ocmf.ClockStatus;
import org.ebc.ocmf.OcmfReading;

/**
 * What an accepted reading says about its own trustworthiness, kept next to it as a bit set. Such
 * readings are stored (they are genuine, signed registers) but settlement and operators must see that
 * the meter or its clock was not in a good state.
 */
public final class ReadingFlags {
    /** {@code TM} carried clock status U: the meter's clock was not known to be set. */
    public static final int CLOCK_UNSYNCHRONISED = 1;
    /** {@code TM} carried clock status R: only the order of readings is meaningful, not the time. */
    public static final int CLOCK_RELATIVE = 2;
    /** {@code EF} was not empty: the meter reported an error. */
    public static final int METER_ERROR = 4;
    /** {@code ST} was not {@code G}: the meter says the value must not be trusted. */
    public static final int STATUS_NOT_GOOD = 8;

    private ReadingFlags() {}

    public static int of(List<OcmfReading> readings) {
        int flags = 0;
        for (OcmfReading r : readings) {
            if (r.clock() == ClockStatus.U) {
                flags |= CLOCK_UNSYNCHRONISED;
            } else if (r.clock() == ClockStatus.R) {
                flags |= CLOCK_RELATIVE;
            }
            if (!r.errorFlags().isEmpty()) {
                flags |= METER_ERROR;
            }
            if (!"G".equals(r.status())) {
                flags |= STATUS_NOT_GOOD;
            }
        }
        return flags;
    }

    /** Names of the set flags, e.g. {@code clock-unsynchronised|meter-error}; empty string for none. */
    public static String describe(int flags) {
        List<String> names = new ArrayList<>();
        if ((flags & CLOCK_UNSYNCHRONISED) != 0) {
            names.add("clock-unsynchronised");
        }
        if ((flags & CLOCK_RELATIVE) != 0) {
            names.add("clock-relative");
        }
        if ((flags & METER_ERROR) != 0) {
            names.add("meter-error");
        }
        if ((flags & STATUS_NOT_GOOD) != 0) {
            names.add("status-not-good");
        }
        return String.join("|", names);
    }
}
