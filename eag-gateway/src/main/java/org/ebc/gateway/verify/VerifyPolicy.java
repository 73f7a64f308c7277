package org.ebc.gateway.verify;

import java.time.Duration;
import java.util.Objects;
import org.ebc.ocmf.OcmfCodec;
import org.ebc.units.EagId;

/**
 * The limits the first verification stage applies.
 *
 * @param eag this gateway: topics of other EAGs are refused
 * @param maxRecordBytes records above this size are refused before parsing (at most
 *     {@link OcmfCodec#MAX_RECORD_BYTES})
 * @param maxClockAhead how far a reading time from a clock that claims to be set (status S or I) may lie
 *     ahead of the gateway's clock: covers clock skew between meter and gateway, not more
 */
public record VerifyPolicy(EagId eag, int maxRecordBytes, Duration maxClockAhead) {

    public VerifyPolicy {
        Objects.requireNonNull(eag, "eag");
        Objects.requireNonNull(maxClockAhead, "maxClockAhead");
        if (maxRecordBytes < 64 || maxRecordBytes > OcmfCodec.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("maxRecordBytes must be 64.." + OcmfCodec.MAX_RECORD_BYTES);
        }
        if (maxClockAhead.isNegative()) {
            throw new IllegalArgumentException("maxClockAhead must not be negative");
        }
    }

    public static VerifyPolicy defaults(EagId eag) {
        return new VerifyPolicy(eag, OcmfCodec.MAX_RECORD_BYTES, Duration.ofMinutes(5));
    }
}
