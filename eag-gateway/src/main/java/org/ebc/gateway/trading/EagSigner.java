package org.ebc.gateway.trading;

import java.security.PrivateKey;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.ebc.crypto.KeyId;
import org.ebc.trade.Receipt;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wire.Topics;

/**
 * The EAG's key and id, for what the transaction server signs. Receipt sequence numbers rise across restarts
 * without being stored: they start from the clock (in ms, times 1000), which is enough for them to be
 * informative; what makes a receipt idempotent is what it answers ({@code about}, {@code ref}).
 *
 * <p>Thread-safe.
 */
public final class EagSigner {
    private final EagId eag;
    private final PrivateKey key;
    private final KeyId keyId;
    private final Clock clock;
    private final AtomicLong receiptSeq;
    private final java.security.PublicKey publicKey;

    public EagSigner(EagId eag, java.security.PublicKey publicKey, PrivateKey key, KeyId keyId, Clock clock) {
        this.eag = eag;
        this.publicKey = publicKey;
        this.key = key;
        this.keyId = keyId;
        this.clock = clock;
        this.receiptSeq = new AtomicLong(Math.multiplyExact(clock.millis(), 1000L));
    }

    EagId eag() {
        return eag;
    }

    PrivateKey key() {
        return key;
    }

    KeyId keyId() {
        return keyId;
    }

    Clock clock() {
        return clock;
    }

    /** The next sequence number of a message the EAG signs for a node (receipts, notices, requests). */
    long nextSeq() {
        return receiptSeq.incrementAndGet();
    }

    /** The EAG's public key (its grid account's address is this key's). */
    java.security.PublicKey publicKey() {
        return publicKey;
    }

    Outgoing receipt(NodeId node, String about, String ref, Receipt.Status status, String reason, String detail) {
        Receipt r = new Receipt(
                eag, receiptSeq.incrementAndGet(), clock.instant(), node, about, ref, status, reason, detail);
        return Outgoing.of(Topics.node(eag, node, Topics.NodeMessage.RECEIPT), r.sign(key, keyId));
    }
}
