package org.ebc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.testing.ByteMutations;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;

/** The authority's registrations: checkable with its root alone, one encoding, every refusal with its reason. */
class RegistrationsTest {
    static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    static final TestAuthority AUTHORITY = TestAuthority.create("grid-authority", T0);
    static final WalletAddress A1 = address();
    static final WalletAddress A2 = address();
    static final WalletAddress B1 = address();

    static WalletAddress address() {
        return WalletAddress.of(KeyPairs.generate().getPublic());
    }

    static List<Registrations.Node> nodes() {
        return List.of(
                new Registrations.Node(NodeId.of("node-b"), EagId.of("eag-2"), T0.toEpochMilli() - 5, List.of(B1)),
                new Registrations.Node(NodeId.of("node-a"), EagId.of("eag-1"), null, List.of(A2, A1)));
    }

    static byte[] signed(long seq) {
        KeyPair k = AUTHORITY.rootKeys();
        return Registrations.sign(
                "grid-authority", seq, T0.toEpochMilli(), nodes(), k.getPrivate(), KeyId.of(k.getPublic()));
    }

    static byte[] signByAuthority(String json) {
        KeyPair k = AUTHORITY.rootKeys();
        return EnvelopeCodec.sign(json.getBytes(StandardCharsets.UTF_8), k.getPrivate(), KeyId.of(k.getPublic()));
    }

    static String payload(byte[] raw) {
        String s = new String(raw, StandardCharsets.UTF_8);
        return s.substring(s.indexOf('|') + 1, s.lastIndexOf('|'));
    }

    static RegistrationsReason verify(byte[] raw) {
        return Registrations.verify(raw, AUTHORITY.root()).reason();
    }

    @Test
    void registrationsSignedByTheAuthorityVerifyWithItsRootAndSayWhoIsAtHomeWhere() {
        Registrations r = Registrations.verify(signed(3), AUTHORITY.root()).orElseThrow();

        assertThat(r.seq()).isEqualTo(3);
        assertThat(r.authority()).isEqualTo("grid-authority");
        assertThat(r.nodes()).extracting(n -> n.node().value()).containsExactly("node-a", "node-b");
        assertThat(r.byAddress(A1).orElseThrow().home()).isEqualTo(EagId.of("eag-1"));
        assertThat(r.byAddress(B1).orElseThrow().active()).isFalse();
        assertThat(r.byAddress(B1).orElseThrow().revokedAt()).isEqualTo(T0.toEpochMilli() - 5);
        assertThat(r.node(NodeId.of("node-a")).orElseThrow().active()).isTrue();
        assertThat(r.node(NodeId.of("node-a")).orElseThrow().wallets()).containsExactlyInAnyOrder(A1, A2);
        assertThat(r.byAddress(address())).isEmpty();
    }

    @Test
    void theContentLeavesOutRevisionAndTimeSoTheAuthorityWritesANewRevisionOnlyWhenSomethingChanged() {
        Registrations three = Registrations.verify(signed(3), AUTHORITY.root()).orElseThrow();
        Registrations four = Registrations.verify(signed(4), AUTHORITY.root()).orElseThrow();

        assertThat(three.content()).isEqualTo(four.content()).isEqualTo(Registrations.content(nodes()));
        assertThat(three).isNotEqualTo(four);
        assertThat(Registrations.content(nodes().subList(0, 1))).isNotEqualTo(three.content());
    }

    @Test
    void registrationsSignedByAnotherKeyOrInAnotherNameAreNotFromTheAuthority() {
        TestAuthority other = TestAuthority.create("grid-authority", T0);
        byte[] byOther = EnvelopeCodec.sign(
                payload(signed(1)).getBytes(StandardCharsets.UTF_8),
                other.rootKeys().getPrivate(),
                KeyId.of(other.rootKeys().getPublic()));
        assertThat(verify(byOther)).isEqualTo(RegistrationsReason.NOT_FROM_AUTHORITY);

        String renamed = payload(signed(1)).replace("\"from\":\"grid-authority\"", "\"from\":\"someone\"");
        assertThat(verify(signByAuthority(renamed))).isEqualTo(RegistrationsReason.NOT_FROM_AUTHORITY);
    }

    @Test
    void aChangedHomeDoesNotVerify() {
        byte[] raw = signed(1);
        byte[] changed = raw.clone();
        changed[new String(raw, StandardCharsets.US_ASCII).indexOf("eag-1") + 4] = '2';

        assertThat(verify(changed)).isEqualTo(RegistrationsReason.BAD_SIGNATURE);
    }

    @Test
    void anUnsortedOrSpacedPayloadIsNotTheOneEncodingEvenWhenTheAuthoritySignedIt() {
        String p = payload(signed(1));
        String spaced = p.replace("\"seq\":1", "\"seq\": 1");
        int a = p.indexOf("{\"node\":\"node-a\"");
        int b = p.indexOf("{\"node\":\"node-b\"");
        String nodeA = p.substring(a, b - 1);
        String nodeB = p.substring(b, p.length() - 2);
        String swapped = p.substring(0, a) + nodeB + "," + nodeA + "]}";

        assertThat(verify(signByAuthority(spaced))).isEqualTo(RegistrationsReason.MALFORMED);
        assertThat(verify(signByAuthority(swapped))).isEqualTo(RegistrationsReason.MALFORMED);
    }

    @Test
    void aNodeListedTwiceOrAnAddressBoundToTwoNodesIsADuplicate() {
        String p = payload(signed(1));
        int b = p.indexOf("{\"node\":\"node-b\"");
        String nodeB = p.substring(b, p.length() - 2);
        String twice = p.substring(0, p.length() - 2) + "," + nodeB + "]}";
        String sharedAddress = p.replace(B1.toString(), A1.toString());

        assertThat(verify(signByAuthority(twice))).isEqualTo(RegistrationsReason.DUPLICATE);
        assertThat(verify(signByAuthority(sharedAddress))).isEqualTo(RegistrationsReason.DUPLICATE);
    }

    @Test
    void seqStartsAtOneAndTheTypeIsRegistrations() {
        String p = payload(signed(1));

        assertThat(verify(signByAuthority(p.replace("\"seq\":1", "\"seq\":0"))))
                .isEqualTo(RegistrationsReason.MALFORMED);
        assertThat(verify(signByAuthority(p.replace("\"typ\":\"registrations\"", "\"typ\":\"genesis\""))))
                .isEqualTo(RegistrationsReason.MALFORMED);
    }

    @Test
    void damagedDocumentsNeverThrowAndNeverVerify() {
        byte[] raw = signed(1);
        for (long seed = 0; seed < 300; seed++) {
            byte[] m = ByteMutations.mutate(raw, seed, "{}\":,|0123456789\\n");
            if (!Arrays.equals(m, raw)) {
                assertThat(verify(m)).as("seed %d", seed).isNotEqualTo(RegistrationsReason.OK);
            }
        }
        assertThat(verify(new byte[Registrations.MAX_BYTES + 1])).isEqualTo(RegistrationsReason.TOO_LARGE);
        assertThat(verify("{}".getBytes(StandardCharsets.US_ASCII))).isEqualTo(RegistrationsReason.MALFORMED_ENVELOPE);
    }
}
