package org.ebc.gateway.verify;

import java.time.Instant;
import java.util.Objects;
import org.ebc.ocmf.ClockStatus;
import org.ebc.units.Energy;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;

/**
 * A reading whose signature, certificate, identity binding and clock passed, waiting for the per-meter
 * page and register decision ({@link SequenceJudge}). Carries the exact received bytes.
 *
 * @param node the signing node (certificate CN = topic node = OCMF {@code GS})
 * @param meter the meter (certificate serial = OCMF {@code MS})
 * @param page the OCMF page counter
 * @param importRegister active energy imported, Wh (OBIS 1-0:1.8.0)
 * @param exportRegister active energy exported, Wh (OBIS 1-0:2.8.0), or null when the record has none
 * @param readingTime the time of the import reading ({@code TM})
 * @param clock the clock status letter of that time
 * @param flags {@link ReadingFlags}
 * @param raw the record exactly as received; never modified
 * @param digest first 16 hex digits of SHA-256 over {@code raw}
 * @param topic the topic it arrived on
 * @param receivedAt the gateway's clock at arrival
 */
public record VerifiedReading(
        NodeId node,
        MeterSerial meter,
        long page,
        Energy importRegister,
        Energy exportRegister,
        Instant readingTime,
        ClockStatus clock,
        int flags,
        byte[] raw,
        String digest,
        String topic,
        Instant receivedAt) {

    public VerifiedReading {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(importRegister, "importRegister");
        Objects.requireNonNull(readingTime, "readingTime");
        Objects.requireNonNull(raw, "raw");
        if (page < 1) {
            throw new IllegalArgumentException("page must be >= 1");
        }
    }

    /** A rejection of this reading by the sequence decision; always answerable (the node is known). */
    public Rejection reject(RejectReason reason, String detail) {
        return new Rejection(reason, detail, node, topic, page, raw.length, receivedAt, true, digest);
    }
}
