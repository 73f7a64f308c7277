package org.ebc.gateway.ledger;

import java.util.Optional;

/** Port: where an EAG keeps the newest registrations it adopted (SQLite in the gateway: {@code consortium_registrations}). */
public interface RegistrationStore {

    /** The exact signed bytes of the newest registrations kept, if any. */
    Optional<byte[]> newest();

    /** Keeps {@code document} (revision {@code seq}) durably in place of any older one. */
    void keep(long seq, byte[] document, long receivedAtMillis);

    /** A store that keeps nothing (tests of the pure part, and tools that only read). */
    RegistrationStore NONE = new RegistrationStore() {
        @Override
        public Optional<byte[]> newest() {
            return Optional.empty();
        }

        @Override
        public void keep(long seq, byte[] document, long receivedAtMillis) {}
    };
}
