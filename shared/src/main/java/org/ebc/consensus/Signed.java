package org.ebc.consensus;

import java.util.Optional;
import org.ebc.units.EagId;

/**
 * A consensus payload with the exact envelope bytes that carry it. The bytes are what is sent, stored in
 * certificates and evidence, and verified again by anyone who checks them; the payload is what they say.
 *
 * @param payload what the message says
 * @param raw the signed envelope, byte for byte
 */
public record Signed<P extends ConsensusPayload>(P payload, byte[] raw) {

    public EagId from() {
        return payload.from();
    }

    public MessageKind kind() {
        return payload.kind();
    }

    /** This message typed as {@code type}, or empty if it is of another kind. */
    @SuppressWarnings(
            "unchecked") // checked: the payload is an instance of T, and Signed<T> holds nothing else typed by T
    public <T extends ConsensusPayload> Optional<Signed<T>> as(Class<T> type) {
        return type.isInstance(payload) ? Optional.of((Signed<T>) this) : Optional.empty();
    }

    @Override
    public String toString() {
        return "Signed[" + payload + ", " + raw.length + " bytes]";
    }
}
