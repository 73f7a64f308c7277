package org.ebc.gateway.consensus.harness;

import org.ebc.consensus.ConsensusCodec;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.Decoded;
import org.ebc.consensus.Signed;
import org.ebc.envelope.EnvelopeCodec;

/** Small helpers the byzantine behaviours share. */
final class Messages {
    static final int MAX_BYTES = 64 * 1024 * 1024;

    private Messages() {}

    /** Decodes one of our own messages (it must decode: the honest core made it). */
    static Signed<?> decode(byte[] raw, Consortium consortium) {
        Decoded d = ConsensusCodec.decode(raw, consortium, MAX_BYTES);
        if (!d.isOk()) {
            throw new AssertionError("a message of the harness does not decode: " + d.reason() + " " + d.detail());
        }
        return d.signed();
    }

    /** The exact payload bytes inside an envelope. */
    static byte[] payloadOf(byte[] raw) {
        return EnvelopeCodec.frame(raw, MAX_BYTES).envelope().payloadBytes();
    }
}
