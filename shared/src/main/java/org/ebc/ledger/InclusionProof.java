package org.ebc.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.ebc.consensus.CertificateCheck;
import org.ebc.consensus.CommitCertificate;
import org.ebc.consensus.Consortium;
import org.ebc.json.StrictJson;

/**
 * A self-contained proof that a ledger transaction is in a committed block ({@code eag-gateway ledger prove}), which
 * any program can check with nothing but the authority's root certificate ({@link #check}; {@code docs/ledger.md}
 * §10b). One JSON object, fields in this order, no spaces:
 *
 * <pre>{"typ":"ebc-proof","v":1,"genesis":"&lt;base64 genesis file&gt;","tx":"&lt;base64 transaction envelope&gt;",
 *  "merkle":{"index":…,"size":…,"path":[…]},"header":"&lt;hex, 224 bytes&gt;","certificate":"&lt;base64 commit certificate JSON&gt;"}</pre>
 *
 * @param genesis the genesis file's exact bytes
 * @param tx the transaction envelope's exact bytes
 * @param merkle the Merkle path from the transaction's leaf to the header's root
 * @param header the block header's 224 bytes
 * @param certificate the commit certificate's exact JSON
 */
public record InclusionProof(byte[] genesis, byte[] tx, MerkleProof merkle, byte[] header, byte[] certificate) {
    public static final String TYPE = "ebc-proof";

    /** Why a proof does not hold. */
    public enum Reason {
        HOLDS,
        MALFORMED,
        GENESIS_INVALID,
        HEADER_MALFORMED,
        WRONG_CHAIN,
        NOT_IN_BLOCK,
        CERTIFICATE_MALFORMED,
        CERTIFICATE_MISMATCH,
        CERTIFICATE_INVALID,
        TRANSACTION_INVALID
    }

    /**
     * What a proof that holds shows.
     *
     * @param transaction the verified transaction
     * @param header the block header
     * @param certificate the commit certificate
     * @param genesis the genesis
     */
    public record Proven(
            LedgerTransaction transaction, BlockHeader header, CommitCertificate certificate, Genesis genesis) {}

    public InclusionProof {
        genesis = genesis.clone();
        tx = tx.clone();
        header = header.clone();
        certificate = certificate.clone();
    }

    public byte[] toJson() {
        Base64.Encoder b64 = Base64.getEncoder();
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeNumberField("v", 1);
            g.writeStringField("genesis", b64.encodeToString(genesis));
            g.writeStringField("tx", b64.encodeToString(tx));
            g.writeFieldName("merkle");
            merkle.write(g);
            g.writeStringField("header", HexFormat.of().formatHex(header));
            g.writeStringField("certificate", b64.encodeToString(certificate));
            g.writeEndObject();
        });
    }

    /** Reads a proof's structure; empty if it is not one (nothing is verified yet). Never throws. */
    public static Optional<InclusionProof> parse(byte[] json) {
        Optional<JsonNode> o = StrictJson.parseObject(json);
        if (o.isEmpty() || o.get().size() != 7) {
            return Optional.empty();
        }
        JsonNode n = o.get();
        try {
            if (!TYPE.equals(StrictJson.text(n, "typ")) || !Long.valueOf(1).equals(StrictJson.wholeNumber(n, "v"))) {
                return Optional.empty();
            }
            Optional<MerkleProof> merkle = MerkleProof.read(n.get("merkle"));
            String genesis = StrictJson.text(n, "genesis");
            String tx = StrictJson.text(n, "tx");
            String header = StrictJson.text(n, "header");
            String cert = StrictJson.text(n, "certificate");
            if (merkle.isEmpty() || genesis == null || tx == null || header == null || cert == null) {
                return Optional.empty();
            }
            InclusionProof p = new InclusionProof(
                    canonicalBase64(genesis),
                    canonicalBase64(tx),
                    merkle.get(),
                    HexFormat.of().parseHex(header),
                    canonicalBase64(cert));
            // One spelling only: a proof is the bytes this class writes for its fields.
            return java.util.Arrays.equals(p.toJson(), json) ? Optional.of(p) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Standard base64 in its one spelling (with padding, no other bytes), or an IllegalArgumentException. */
    static byte[] canonicalBase64(String s) {
        byte[] b = Base64.getDecoder().decode(s);
        if (!Base64.getEncoder().encodeToString(b).equals(s)) {
            throw new IllegalArgumentException("not canonical base64");
        }
        return b;
    }

    /** Checks a proof with nothing but the authority's root certificate. Pure; never throws. */
    public static Outcome<Reason, Proven> check(byte[] json, X509Certificate authorityRoot) {
        Optional<InclusionProof> parsed = parse(json);
        if (parsed.isEmpty()) {
            return Outcome.refuse(Reason.MALFORMED, "not an ebc-proof v1 in its one spelling");
        }
        InclusionProof p = parsed.get();
        Outcome<GenesisReason, Genesis> g = Genesis.verify(p.genesis, authorityRoot);
        if (!g.isOk()) {
            return Outcome.refuse(Reason.GENESIS_INVALID, "the genesis does not verify under the root: " + g.reason());
        }
        Genesis genesis = g.orElseThrow();
        Outcome<FormatReason, BlockHeader> h = BlockHeader.parse(p.header);
        if (!h.isOk()) {
            return Outcome.refuse(Reason.HEADER_MALFORMED, h.detail());
        }
        BlockHeader header = h.orElseThrow();
        if (!header.chain().equals(genesis.hash())) {
            return Outcome.refuse(
                    Reason.WRONG_CHAIN,
                    "the header names chain " + header.chain().hex());
        }
        if (!p.merkle.provesIn(header, Sha256Hash.of(p.tx))) {
            return Outcome.refuse(
                    Reason.NOT_IN_BLOCK, "the Merkle path does not lead from the transaction to the header's root");
        }
        Optional<CommitCertificate> cert = CommitCertificate.parse(p.certificate);
        if (cert.isEmpty() || !java.util.Arrays.equals(cert.get().toJson(), p.certificate)) {
            return Outcome.refuse(Reason.CERTIFICATE_MALFORMED, "the certificate does not read as one");
        }
        CommitCertificate c = cert.get();
        if (c.height() != header.height()
                || !c.block().hex().equals(header.hash().hex())) {
            return Outcome.refuse(
                    Reason.CERTIFICATE_MISMATCH,
                    "the certificate commits block " + c.block().hex() + " at height " + c.height()
                            + ", not this header");
        }
        CertificateCheck cc = c.verify(Consortium.of(genesis));
        if (!cc.isOk()) {
            return Outcome.refuse(Reason.CERTIFICATE_INVALID, cc.reason() + ": " + cc.detail());
        }
        Outcome<TxReason, LedgerTransaction> tx = LedgerTransaction.verify(p.tx, genesis::memberByKeyId);
        if (!tx.isOk()) {
            return Outcome.refuse(Reason.TRANSACTION_INVALID, tx.reason() + ": " + tx.detail());
        }
        return Outcome.ok(Reason.HOLDS, new Proven(tx.orElseThrow(), header, c, genesis));
    }
}
