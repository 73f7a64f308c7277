package org.ebc.agent.store;

/** Running totals kept in the agent's file (they survive restarts); shown by {@code meter-agent status}. */
public enum Counter {
    /** Records signed and stored in the outbox. */
    RECORDS_SIGNED,
    /** Of those, records that carry a meter fault instead of a good reading. */
    FAULT_RECORDS_SIGNED,
    /** Readings not signed because the outbox was full (the registers still counted the energy). */
    READINGS_SKIPPED_OUTBOX_FULL,
    /** Readings not signed because the meter failed and {@code reading.on-meter-fault = skip}. */
    READINGS_SKIPPED_METER_FAULT,
    /** Readings not signed because an absolute meter went backwards. */
    READINGS_SKIPPED_REGISTER_BACKWARDS,
    /** Times the outbox became full. */
    OUTBOX_FULL_EVENTS,
    /** Records the gateway acknowledged as committed. */
    RECORDS_ACKNOWLEDGED,
    /** Records the gateway rejected (now in quarantine). */
    RECORDS_QUARANTINED,
    /** Messages on the acknowledgement topic that failed verification. */
    ACKS_REFUSED,
    /** Other messages from the gateway (receipts, bills, market, payments) that failed verification or decoding. */
    GATEWAY_MESSAGES_REFUSED,
    /** Pages published again at once because the gateway asked for them (a gap at the gateway). */
    PAGES_RESENT_ON_REQUEST;

    /** The name stored in the file. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
