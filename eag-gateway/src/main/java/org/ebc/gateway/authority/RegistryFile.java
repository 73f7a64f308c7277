package org.ebc.gateway.authority;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * Reads and writes {@code registry.json} (format {@value #FORMAT}, described in the package
 * documentation). Every field of a certificate entry except {@code revoked} is also in the certificate
 * itself; they are written out so that an operator can read and grep the file, and on reading each one
 * is checked against the certificate, which must be signed by the authority: a hand edit or a foreign
 * certificate is refused with the entry and field named, never silently believed.
 */
final class RegistryFile {
    static final String FORMAT = "ebc-authority-registry/1";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RegistryFile() {}

    static void write(Path file, RegistryContents contents) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("authority", contents.authorityName());
        root.put("nextSerial", contents.nextSerial().toString(16));
        ArrayNode certs = root.putArray("certificates");
        for (IssuedEntry e : contents.certificates()) {
            ObjectNode c = certs.addObject();
            c.put("role", e.role().ou());
            c.put("id", e.id());
            c.put("trueIdentity", e.trueIdentity());
            c.put("meterSerial", e.meterSerial());
            c.put("serial", e.serialHex());
            c.put("notBefore", e.notBefore().toString());
            c.put("notAfter", e.notAfter().toString());
            c.put("fingerprint", e.fingerprint());
            c.put("keyId", e.keyId().hex());
            if (e.revocation() == null) {
                c.putNull("revoked");
            } else {
                c.putObject("revoked")
                        .put("at", e.revocation().at().toString())
                        .put("reason", e.revocation().reason().label());
            }
            c.put("certificate", Pem.encode(e.certificate()));
        }
        ArrayNode bindings = root.putArray("walletBindings");
        for (WalletBinding b : contents.walletBindings()) {
            ObjectNode o = bindings.addObject();
            o.put("node", b.node().value());
            o.put("boundAt", b.boundAt().toString());
            o.put("requestedAt", b.requestedAt().toString());
            ArrayNode ws = o.putArray("wallets");
            for (WalletBinding.Wallet w : b.wallets()) {
                ws.addObject()
                        .put("address", w.address().toString())
                        .put(
                                "publicKey",
                                Base64.getEncoder().encodeToString(w.publicKey().getEncoded()));
            }
        }
        ObjectNode homes = root.putObject("homes");
        contents.homes().forEach((node, eag) -> homes.put(node.value(), eag.value()));
        try {
            AuthorityDirectory.writeAtomically(file, MAPPER.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the registry", e);
        }
    }

    /** Reads the registry; every certificate in it must be signed by {@code authority}. */
    static RegistryContents read(Path file, X509Certificate authority) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new AuthorityRefusal(
                    RefusalReason.NOT_AN_AUTHORITY,
                    file + ": file does not exist (not an authority directory, or `authority init` did not finish)");
        } catch (JsonProcessingException e) {
            throw new AuthorityRefusal(
                    RefusalReason.NOT_AN_AUTHORITY,
                    file + ": not valid JSON: " + e.getOriginalMessage()
                            + (e.getLocation() == null
                                    ? ""
                                    : " at line " + e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot read: " + e.getMessage(), e);
        }
        Reader r = new Reader(file);
        if (root == null || !root.isObject()) {
            throw r.fail("", "not a JSON object");
        }
        if (!FORMAT.equals(r.text(root, "", "format"))) {
            throw r.fail("format", "expected \"" + FORMAT + "\"");
        }
        String name = r.text(root, "", "authority");
        BigInteger next = r.hex(root, "", "nextSerial");
        List<IssuedEntry> entries = new ArrayList<>();
        JsonNode certs = r.array(root, "certificates");
        for (int i = 0; i < certs.size(); i++) {
            entries.add(r.entry(certs.get(i), "certificates[" + i + "]", authority));
        }
        List<WalletBinding> bindings = new ArrayList<>();
        JsonNode bs = r.array(root, "walletBindings");
        for (int i = 0; i < bs.size(); i++) {
            bindings.add(r.binding(bs.get(i), "walletBindings[" + i + "]"));
        }
        // "homes" came with the registrations gossip (issue 8); a registry written before has none.
        Map<NodeId, EagId> homes = new java.util.TreeMap<>();
        JsonNode hs = root.get("homes");
        if (hs != null && !hs.isNull()) {
            if (!hs.isObject()) {
                throw r.fail("homes", "not a JSON object of node id to EAG id");
            }
            for (Map.Entry<String, JsonNode> h : hs.properties()) {
                String eag = h.getValue().isTextual() ? h.getValue().textValue() : "";
                if (!NodeId.isValid(h.getKey()) || !EagId.isValid(eag)) {
                    throw r.fail("homes." + h.getKey(), "not a node id with an EAG id");
                }
                homes.put(NodeId.of(h.getKey()), EagId.of(eag));
            }
        }
        return new RegistryContents(name, next, entries, bindings, homes);
    }

    /** Field-by-field reading with messages that say where in the file the problem is. */
    private record Reader(Path file) {

        AuthorityRefusal fail(String where, String what) {
            return new AuthorityRefusal(
                    RefusalReason.NOT_AN_AUTHORITY, file + ": " + (where.isEmpty() ? "" : where + ": ") + what);
        }

        String text(JsonNode obj, String where, String field) {
            JsonNode n = obj.get(field);
            if (n == null || !n.isTextual() || n.textValue().isEmpty()) {
                throw fail(join(where, field), "missing or not a string");
            }
            return n.textValue();
        }

        String optionalText(JsonNode obj, String where, String field) {
            JsonNode n = obj.get(field);
            if (n == null || n.isNull()) {
                return null;
            }
            return text(obj, where, field);
        }

        BigInteger hex(JsonNode obj, String where, String field) {
            String t = text(obj, where, field);
            try {
                BigInteger v = new BigInteger(t, 16);
                if (v.signum() <= 0) {
                    throw fail(join(where, field), "must be a positive hex number");
                }
                return v;
            } catch (NumberFormatException e) {
                throw fail(join(where, field), "'" + t + "' is not a hex number");
            }
        }

        Instant instant(JsonNode obj, String where, String field) {
            String t = text(obj, where, field);
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw fail(join(where, field), "'" + t + "' is not an ISO-8601 instant");
            }
        }

        JsonNode array(JsonNode obj, String field) {
            JsonNode n = obj.get(field);
            if (n == null || !n.isArray()) {
                throw fail(field, "missing or not an array");
            }
            return n;
        }

        IssuedEntry entry(JsonNode c, String where, X509Certificate authority) {
            if (c == null || !c.isObject()) {
                throw fail(where, "not a JSON object");
            }
            X509Certificate cert = Pem.parseCertificates(text(c, where, "certificate"))
                    .filter(l -> l.size() == 1)
                    .map(l -> l.get(0))
                    .orElseThrow(() -> fail(join(where, "certificate"), "not one PEM certificate"));
            try {
                cert.verify(authority.getPublicKey(), Crypto.provider());
            } catch (GeneralSecurityException | RuntimeException e) {
                throw fail(where, "the certificate is not signed by this authority's ca.crt (wrong CA)");
            }
            CertificateSubject s = Certificates.subjectOf(cert)
                    .filter(x -> x.role() != CertificateRole.AUTHORITY)
                    .orElseThrow(() -> fail(where, "the certificate's subject is not an EAG or node subject"));
            IssuedEntry.Revocation revocation = null;
            JsonNode rev = c.get("revoked");
            if (rev != null && !rev.isNull()) {
                RevocationReason reason = RevocationReason.parse(text(rev, join(where, "revoked"), "reason"))
                        .orElseThrow(() ->
                                fail(join(where, "revoked.reason"), "expected one of " + RevocationReason.labels()));
                revocation = new IssuedEntry.Revocation(instant(rev, join(where, "revoked"), "at"), reason);
            }
            IssuedEntry e = new IssuedEntry(
                    s.role(),
                    s.id(),
                    s.trueIdentity(),
                    s.meterSerial(),
                    cert.getSerialNumber(),
                    cert.getNotBefore().toInstant(),
                    cert.getNotAfter().toInstant(),
                    Fingerprint.of(cert),
                    KeyId.of(cert.getPublicKey()),
                    revocation,
                    cert);
            agree(where, "role", text(c, where, "role"), e.role().ou());
            agree(where, "id", text(c, where, "id"), e.id());
            agree(where, "trueIdentity", optionalText(c, where, "trueIdentity"), e.trueIdentity());
            agree(where, "meterSerial", optionalText(c, where, "meterSerial"), e.meterSerial());
            agree(where, "serial", hex(c, where, "serial").toString(16), e.serialHex());
            agree(
                    where,
                    "notBefore",
                    instant(c, where, "notBefore").toString(),
                    e.notBefore().toString());
            agree(
                    where,
                    "notAfter",
                    instant(c, where, "notAfter").toString(),
                    e.notAfter().toString());
            agree(where, "fingerprint", text(c, where, "fingerprint"), e.fingerprint());
            agree(where, "keyId", text(c, where, "keyId"), e.keyId().hex());
            return e;
        }

        private void agree(String where, String field, String written, String inCertificate) {
            if (!Objects.equals(written, inCertificate)) {
                throw fail(
                        join(where, field),
                        "says '" + written + "' but the certificate says '" + inCertificate + "' (edited by hand?)");
            }
        }

        WalletBinding binding(JsonNode b, String where) {
            if (b == null || !b.isObject()) {
                throw fail(where, "not a JSON object");
            }
            String node = text(b, where, "node");
            if (!NodeId.isValid(node)) {
                throw fail(join(where, "node"), "'" + node + "' is not a node id");
            }
            List<WalletBinding.Wallet> wallets = new ArrayList<>();
            JsonNode ws = b.get("wallets");
            if (ws == null || !ws.isArray() || ws.isEmpty()) {
                throw fail(join(where, "wallets"), "missing or empty");
            }
            for (int i = 0; i < ws.size(); i++) {
                String w = join(where, "wallets[" + i + "]");
                WalletAddress address = WalletAddress.tryParse(text(ws.get(i), w, "address"))
                        .orElseThrow(() -> fail(join(w, "address"), "not a wallet address"));
                PublicKey key = publicKey(text(ws.get(i), w, "publicKey"), join(w, "publicKey"));
                if (!WalletAddress.of(key).equals(address)) {
                    throw fail(w, "address " + address + " is not the address of its public key");
                }
                wallets.add(new WalletBinding.Wallet(address, key));
            }
            return new WalletBinding(
                    NodeId.of(node), instant(b, where, "boundAt"), instant(b, where, "requestedAt"), wallets);
        }

        private PublicKey publicKey(String base64, String where) {
            return WalletBindingReview.decodeP256(base64)
                    .orElseThrow(() -> fail(where, "not a base64 SubjectPublicKeyInfo of a P-256 key"));
        }

        private static String join(String where, String field) {
            return where.isEmpty() ? field : where + "." + field;
        }
    }
}
