package org.ebc.agent.store;

/** Things an operator should be able to find afterwards in {@code meter-agent status}. */
public enum AgentEvent {
    STARTED,
    STOPPED,
    /** The outbox reached its limit: new readings are not signed, the registers keep counting. */
    OUTBOX_FULL,
    /** The outbox has room again: readings are signed again. */
    OUTBOX_RESUMED,
    /** The meter could not be read (first failure after good reads). */
    METER_FAULT,
    /** The meter reads again after a fault. */
    METER_RECOVERED,
    /** An absolute meter reported less than the persisted registers (exchanged, reset or tampered with). */
    REGISTER_WENT_BACKWARDS,
    /** The gateway rejected a record; it is in quarantine. */
    RECORD_QUARANTINED,
    /** A certificate on the EAG certificate topic was not accepted. */
    EAG_CERTIFICATE_REFUSED,
    /** The reading could not be stored (the database refused it). */
    STORE_FAILED
}
