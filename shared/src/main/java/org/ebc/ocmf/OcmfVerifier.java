package org.ebc.ocmf;

import java.security.PublicKey;
import java.util.Optional;
import java.util.function.Function;
import org.ebc.crypto.Signatures;

/**
 * Verifies OCMF records. Two orders, for two situations:
 *
 * <ul>
 *   <li>{@link #verifyThenParse}: the signer is known before reading the record (the gateway knows the
 *       node from the MQTT topic it arrived on), so the signature is checked over the exact payload
 *       bytes <em>before</em> any of the payload is parsed: unauthenticated JSON is never interpreted.
 *   <li>{@link #parseThenVerify}: a third-party style check, where the signer is found from the
 *       payload's {@code GS}/{@code MS}.
 * </ul>
 *
 * Thread-safe; never throws on hostile input.
 */
public final class OcmfVerifier {
    private OcmfVerifier() {}

    public static OcmfResult verifyThenParse(byte[] raw, PublicKey signer) {
        OcmfResult framed = OcmfCodec.frame(raw);
        if (!framed.isOk()) {
            return framed;
        }
        OcmfRecord r = framed.record();
        if (!Signatures.verify(signer, r.payloadBytes(), r.signatureDer())) {
            return OcmfResult.reject(OcmfReason.BAD_SIGNATURE, "signature does not verify with the signer's key");
        }
        return OcmfCodec.parsePayload(r);
    }

    public static OcmfResult parseThenVerify(byte[] raw, Function<OcmfPayload, Optional<PublicKey>> keyOf) {
        OcmfResult decoded = OcmfCodec.decode(raw);
        if (!decoded.isOk()) {
            return decoded;
        }
        OcmfRecord r = decoded.record();
        Optional<PublicKey> key = keyOf.apply(r.payload());
        if (key.isEmpty()) {
            return OcmfResult.reject(
                    OcmfReason.UNKNOWN_KEY,
                    "no key known for GS=" + r.payload().gatewaySerial() + " MS="
                            + r.payload().meterSerial());
        }
        if (!Signatures.verify(key.get(), r.payloadBytes(), r.signatureDer())) {
            return OcmfResult.reject(OcmfReason.BAD_SIGNATURE, "signature does not verify with the signer's key");
        }
        return decoded;
    }
}
