package org.ebc.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ebc.crypto.CertificateCheck;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.jspecify.annotations.Nullable;

/**
 * The genesis file's exact encoding: a signed envelope (the authority root's key) whose payload is, in this
 * field order and with no spaces:
 *
 * <pre>
 * {"typ":"genesis","from":"&lt;authority name&gt;","seq":1,"ts":&lt;genesis time ms&gt;,"consortium":"&lt;name&gt;",
 *  "eags":[{"id":"&lt;eag id&gt;","certificate":"&lt;PEM&gt;"}, …],                       sorted by id
 *  "allocation":{"perNode":&lt;minor&gt;,"nodes":[{"node":"&lt;node id&gt;","amount":&lt;minor&gt;}, …]},   sorted by node
 *  "difficulty":{"interval":&lt;ms&gt;,"initialTarget":"&lt;64 hex&gt;","maxTarget":"&lt;64 hex&gt;","window":&lt;blocks&gt;,"clamp":&lt;n&gt;},
 *  "timestamps":{"futureAllowance":&lt;ms&gt;,"medianWindow":&lt;blocks&gt;},
 *  "reward":&lt;minor&gt;,
 *  "proofOfFlow":{"period":&lt;ms&gt;,"award":&lt;minor&gt;} | null,
 *  "quorum":"2f+1" | "all"}
 * </pre>
 *
 * PEM is written as {@code -----BEGIN CERTIFICATE-----\n}, the DER in base64 lines of 64 characters each
 * ended by {@code \n}, then {@code -----END CERTIFICATE-----\n} (fixed here rather than left to a PEM
 * writer, whose line separator follows the platform).
 */
final class GenesisCodec {
    static final String TYPE = "genesis";
    static final int MAX_EAGS = 1000;
    private static final Pattern CONSORTIUM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,63}");

    private GenesisCodec() {}

    static boolean isConsortiumName(@Nullable String name) {
        return name != null && CONSORTIUM.matcher(name).matches();
    }

    static String pem(X509Certificate c) {
        try {
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    static byte[] payloadBytes(
            String authority,
            long timeMillis,
            String consortium,
            Map<EagId, X509Certificate> eags,
            AllocationRule allocation,
            DifficultyRule difficulty,
            TimestampRule timestamps,
            CoinAmount reward,
            @Nullable ProofOfFlowRule proofOfFlow,
            Quorum quorum) {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", authority);
            g.writeNumberField("seq", 1);
            g.writeNumberField("ts", timeMillis);
            g.writeStringField("consortium", consortium);
            g.writeArrayFieldStart("eags");
            for (Map.Entry<EagId, X509Certificate> e : eags.entrySet()) {
                g.writeStartObject();
                g.writeStringField("id", e.getKey().value());
                g.writeStringField("certificate", pem(e.getValue()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("allocation");
            g.writeNumberField("perNode", allocation.perNode().minorUnits());
            g.writeArrayFieldStart("nodes");
            for (Map.Entry<NodeId, CoinAmount> e : allocation.nodes().entrySet()) {
                g.writeStartObject();
                g.writeStringField("node", e.getKey().value());
                g.writeNumberField("amount", e.getValue().minorUnits());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("difficulty");
            g.writeNumberField("interval", difficulty.intervalMillis());
            g.writeStringField("initialTarget", difficulty.initialTarget().hex());
            g.writeStringField("maxTarget", difficulty.maxTarget().hex());
            g.writeNumberField("window", difficulty.window());
            g.writeNumberField("clamp", difficulty.clamp());
            g.writeEndObject();
            g.writeObjectFieldStart("timestamps");
            g.writeNumberField("futureAllowance", timestamps.futureAllowanceMillis());
            g.writeNumberField("medianWindow", timestamps.medianWindow());
            g.writeEndObject();
            g.writeNumberField("reward", reward.minorUnits());
            if (proofOfFlow == null) {
                g.writeNullField("proofOfFlow");
            } else {
                g.writeObjectFieldStart("proofOfFlow");
                g.writeNumberField("period", proofOfFlow.periodMillis());
                g.writeNumberField("award", proofOfFlow.award().minorUnits());
                g.writeEndObject();
            }
            g.writeStringField("quorum", quorum.wire());
            g.writeEndObject();
        });
    }

    static Outcome<GenesisReason, Genesis> verify(byte[] raw, X509Certificate root) {
        try {
            return verifyOrThrow(raw, root);
        } catch (RuntimeException e) {
            // A field the checks below did not foresee (a rule constructor's range check, say): refused, not thrown.
            return Outcome.refuse(GenesisReason.MALFORMED, "unreadable genesis: " + e.getMessage());
        }
    }

    private static Outcome<GenesisReason, Genesis> verifyOrThrow(byte[] raw, X509Certificate root) {
        Outcome<GenesisReason, SignedEnvelope> opened =
                AuthorityDocument.open(raw, root, Genesis.MAX_BYTES, TYPE, GenesisReason.class);
        if (!opened.isOk()) {
            return opened.refusal();
        }
        SignedEnvelope e = opened.orElseThrow();
        if (e.seq() != 1) {
            return malformed("seq must be 1");
        }
        JsonNode p = e.payload();
        String consortium = StrictJson.text(p, "consortium");
        if (!isConsortiumName(consortium)) {
            return malformed("consortium must be 1-64 characters of [A-Za-z0-9._ -]");
        }
        Map<EagId, X509Certificate> eags = new LinkedHashMap<>();
        List<EagMember> members = new ArrayList<>();
        Outcome<GenesisReason, Genesis> eagProblem = readEags(p.get("eags"), root, e.timestampMillis(), eags, members);
        if (eagProblem != null) {
            return eagProblem;
        }
        AllocationRule allocation = readAllocation(p.get("allocation"));
        DifficultyRule difficulty = readDifficulty(p.get("difficulty"));
        TimestampRule timestamps = readTimestamps(p.get("timestamps"));
        Long reward = StrictJson.wholeNumber(p, "reward");
        Optional<Quorum> quorum = Quorum.fromWire(
                Optional.ofNullable(StrictJson.text(p, "quorum")).orElse(""));
        if (allocation == null
                || difficulty == null
                || timestamps == null
                || reward == null
                || reward < 0
                || quorum.isEmpty()) {
            return malformed("allocation, difficulty, timestamps, reward or quorum missing or invalid");
        }
        JsonNode pof = p.get("proofOfFlow");
        ProofOfFlowRule proofOfFlow = null;
        if (pof == null || (!pof.isNull() && !pof.isObject())) {
            return malformed("proofOfFlow must be null or {period, award}");
        }
        if (pof.isObject()) {
            Long period = StrictJson.wholeNumber(pof, "period");
            Long award = StrictJson.wholeNumber(pof, "award");
            if (period == null || award == null) {
                return malformed("proofOfFlow needs period and award");
            }
            proofOfFlow = new ProofOfFlowRule(period, CoinAmount.ofMinorUnits(award));
        }
        byte[] canonical = payloadBytes(
                e.from(),
                e.timestampMillis(),
                consortium,
                eags,
                allocation,
                difficulty,
                timestamps,
                CoinAmount.ofMinorUnits(reward),
                proofOfFlow,
                quorum.get());
        if (!Arrays.equals(canonical, e.payloadBytes())) {
            return malformed("payload is not in the one accepted encoding (field order, sorting, PEM layout)");
        }
        return Outcome.ok(
                GenesisReason.OK,
                new Genesis(
                        raw,
                        e.from(),
                        e.timestampMillis(),
                        consortium,
                        members,
                        allocation,
                        difficulty,
                        timestamps,
                        CoinAmount.ofMinorUnits(reward),
                        proofOfFlow,
                        quorum.get()));
    }

    private static @Nullable Outcome<GenesisReason, Genesis> readEags(
            @Nullable JsonNode list,
            X509Certificate root,
            long at,
            Map<EagId, X509Certificate> eags,
            List<EagMember> members) {
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_EAGS) {
            return malformed("eags must list 1-" + MAX_EAGS + " EAGs");
        }
        CertificateValidator validator = new CertificateValidator(root);
        Set<KeyId> keys = new HashSet<>();
        for (JsonNode eag : list) {
            String id = eag.isObject() ? StrictJson.text(eag, "id") : null;
            String pem = eag.isObject() ? StrictJson.text(eag, "certificate") : null;
            if (!EagId.isValid(id) || pem == null) {
                return malformed("each EAG needs an id and a certificate");
            }
            Optional<List<X509Certificate>> certs = Pem.parseCertificates(pem);
            if (certs.isEmpty() || certs.get().size() != 1) {
                return Outcome.refuse(GenesisReason.BAD_EAG_CERTIFICATE, id + ": not one PEM certificate");
            }
            X509Certificate cert = certs.get().get(0);
            CertificateCheck check = validator.check(cert, Instant.ofEpochMilli(at), CertificateRole.EAG);
            if (!check.isValid() || !check.subject().id().equals(id)) {
                return Outcome.refuse(
                        GenesisReason.BAD_EAG_CERTIFICATE,
                        id + ": "
                                + (check.isValid()
                                        ? "certificate is for "
                                                + check.subject().id()
                                        : check.detail()));
            }
            EagMember m = EagMember.of(EagId.of(id), cert);
            if (eags.containsKey(m.id()) || !keys.add(m.keyId())) {
                return Outcome.refuse(GenesisReason.DUPLICATE_EAG, id + ": a second EAG with this id or key");
            }
            eags.put(m.id(), cert);
            members.add(m);
        }
        return null;
    }

    private static @Nullable AllocationRule readAllocation(@Nullable JsonNode a) {
        if (a == null || !a.isObject()) {
            return null;
        }
        Long perNode = StrictJson.wholeNumber(a, "perNode");
        JsonNode nodes = a.get("nodes");
        if (perNode == null || perNode < 0 || nodes == null || !nodes.isArray()) {
            return null;
        }
        Map<NodeId, CoinAmount> amounts = new LinkedHashMap<>();
        for (JsonNode n : nodes) {
            String node = n.isObject() ? StrictJson.text(n, "node") : null;
            Long amount = n.isObject() ? StrictJson.wholeNumber(n, "amount") : null;
            if (!NodeId.isValid(node) || amount == null || amount < 0) {
                return null;
            }
            if (amounts.put(NodeId.of(node), CoinAmount.ofMinorUnits(amount)) != null) {
                return null;
            }
        }
        return new AllocationRule(CoinAmount.ofMinorUnits(perNode), amounts);
    }

    private static @Nullable DifficultyRule readDifficulty(@Nullable JsonNode d) {
        if (d == null || !d.isObject()) {
            return null;
        }
        Long interval = StrictJson.wholeNumber(d, "interval");
        Optional<Target> initial = Target.parseHex(StrictJson.text(d, "initialTarget"));
        Optional<Target> max = Target.parseHex(StrictJson.text(d, "maxTarget"));
        Long window = StrictJson.wholeNumber(d, "window");
        Long clamp = StrictJson.wholeNumber(d, "clamp");
        if (interval == null
                || initial.isEmpty()
                || max.isEmpty()
                || window == null
                || clamp == null
                || window > DifficultyRule.MAX_WINDOW
                || clamp > DifficultyRule.MAX_CLAMP) {
            return null;
        }
        return new DifficultyRule(interval, initial.get(), max.get(), window.intValue(), clamp.intValue());
    }

    private static @Nullable TimestampRule readTimestamps(@Nullable JsonNode t) {
        if (t == null || !t.isObject()) {
            return null;
        }
        Long allowance = StrictJson.wholeNumber(t, "futureAllowance");
        Long window = StrictJson.wholeNumber(t, "medianWindow");
        if (allowance == null || window == null || window > TimestampRule.MAX_MEDIAN_WINDOW) {
            return null;
        }
        return new TimestampRule(allowance, window.intValue());
    }

    private static <T> Outcome<GenesisReason, T> malformed(String detail) {
        return Outcome.refuse(GenesisReason.MALFORMED, detail);
    }
}
