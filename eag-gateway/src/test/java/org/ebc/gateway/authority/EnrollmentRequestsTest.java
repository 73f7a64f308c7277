package org.ebc.gateway.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue a fleet's meters fill through the enrollment service, and the operator's approval from it. */
class EnrollmentRequestsTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    CertificateAuthority ca;
    EnrollmentRequests queue;

    @BeforeEach
    void authority() {
        ca = CertificateAuthority.init(tmp.resolve("ca"), "RA", Duration.ofDays(3650), CLOCK);
        queue = new EnrollmentRequests(ca.directory());
    }

    private static byte[] csrOf(SimulatedDevice d) {
        return Pem.encode(d.csr()).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theTokenIsMadeOnceOwnerOnlyAndComparedExactly() throws Exception {
        String token = queue.token();

        assertThat(token).hasSize(48).isEqualTo(new EnrollmentRequests(ca.directory()).token());
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(ca.directory().resolve("enrollment/token"))))
                .isEqualTo("rw-------");
        assertThat(queue.acceptsToken(token)).isTrue();
        assertThat(queue.acceptsToken(token + "0")).isFalse();
        assertThat(queue.acceptsToken(null)).isFalse();
    }

    @Test
    void aMetersRequestIsStoredListedWithItsKeyIdAndStoredAgainUnchanged() {
        SimulatedDevice meter = SimulatedDevice.node("node-1", "SDM-1");
        byte[] csr = csrOf(meter);

        assertThat(queue.submitCsr(NodeId.of("node-1"), csr, "10.0.0.7", T0))
                .isEqualTo(EnrollmentRequests.Outcome.STORED);
        assertThat(queue.pending()).singleElement().satisfies(p -> {
            assertThat(p.meterSerial()).isEqualTo("SDM-1");
            assertThat(p.keyId()).isEqualTo(KeyId.of(meter.keys.getPublic()));
            assertThat(p.complete()).isFalse();
            assertThat(p.from()).contains("10.0.0.7");
        });
        assertThat(queue.submitWallets(NodeId.of("node-1"), meter.walletsRequest(T0)))
                .isEqualTo(EnrollmentRequests.Outcome.STORED);
        assertThat(queue.pending().get(0).complete()).isTrue();
        assertThat(queue.submitCsr(NodeId.of("node-1"), csr, "10.0.0.7", T0))
                .isEqualTo(EnrollmentRequests.Outcome.UNCHANGED);
        // The same key asking again (a meter rebooted while it waited) replaces its request: a CSR's signature
        // differs every time it is made.
        assertThat(queue.submitCsr(NodeId.of("node-1"), csrOf(meter), "10.0.0.7", T0))
                .isEqualTo(EnrollmentRequests.Outcome.STORED);
    }

    @Test
    void aSecondKeyAskingForTheSameNodeIsAConflictUntilTheOperatorRejectsTheFirst() {
        SimulatedDevice first = SimulatedDevice.node("node-2", "SDM-2");
        queue.submitCsr(NodeId.of("node-2"), csrOf(first), "a", T0);

        assertThat(queue.submitCsr(NodeId.of("node-2"), csrOf(first.withNewKey()), "b", T0))
                .isEqualTo(EnrollmentRequests.Outcome.CONFLICT);
        assertThat(queue.pending().get(0).keyId()).isEqualTo(KeyId.of(first.keys.getPublic()));

        assertThat(queue.remove(NodeId.of("node-2"))).isTrue();
        assertThat(queue.submitCsr(NodeId.of("node-2"), csrOf(first.withNewKey()), "b", T0))
                .isEqualTo(EnrollmentRequests.Outcome.STORED);
    }

    @Test
    void whatIsNotANodeRequestForThatIdIsRefusedAndLeavesNoTrace() {
        SimulatedDevice meter = SimulatedDevice.node("node-3", "SDM-3");

        assertThat(queue.submitCsr(NodeId.of("node-4"), csrOf(meter), "x", T0))
                .isEqualTo(EnrollmentRequests.Outcome.REFUSED);
        assertThat(queue.submitCsr(NodeId.of("node-3"), "not a csr".getBytes(StandardCharsets.US_ASCII), "x", T0))
                .isEqualTo(EnrollmentRequests.Outcome.REFUSED);
        assertThat(queue.submitCsr(NodeId.of("eag-9"), csrOf(SimulatedDevice.eag("eag-9")), "x", T0))
                .isEqualTo(EnrollmentRequests.Outcome.REFUSED);
        assertThat(queue.submitCsr(NodeId.of("node-3"), new byte[EnrollmentRequests.MAX_FILE_BYTES + 1], "x", T0))
                .isEqualTo(EnrollmentRequests.Outcome.REFUSED);
        assertThat(queue.submitWallets(NodeId.of("node-5"), meter.walletsRequest(T0)))
                .as("wallets before the CSR")
                .isEqualTo(EnrollmentRequests.Outcome.REFUSED);
        assertThat(queue.pending()).isEmpty();
    }

    @Test
    void aFullQueueTakesNoNewNodeButStillItsWaitingOnes() {
        EnrollmentRequests small = new EnrollmentRequests(ca.directory(), 1);
        SimulatedDevice a = SimulatedDevice.node("node-a", "SDM-A");
        small.submitCsr(NodeId.of("node-a"), csrOf(a), "x", T0);

        assertThat(small.submitCsr(NodeId.of("node-b"), csrOf(SimulatedDevice.node("node-b", "SDM-B")), "x", T0))
                .isEqualTo(EnrollmentRequests.Outcome.FULL);
        assertThat(small.submitWallets(NodeId.of("node-a"), a.walletsRequest(T0)))
                .isEqualTo(EnrollmentRequests.Outcome.STORED);
    }

    @Test
    void approvalIssuesTheCertificateBindsTheWalletsAndEmptiesTheQueue() {
        SimulatedDevice meter = SimulatedDevice.node("node-6", "SDM-6");
        queue.submitCsr(NodeId.of("node-6"), csrOf(meter), "x", T0);
        queue.submitWallets(NodeId.of("node-6"), meter.walletsRequest(T0));

        EnrollmentApproval.Approved a = EnrollmentApproval.approve(
                ca, new EnrollmentApproval.Vouched(NodeId.of("node-6"), "SDM-6", "Alice Example, Mill Lane 3"));

        assertThat(a.certificate().entry().trueIdentity()).isEqualTo("Alice Example, Mill Lane 3");
        assertThat(a.certificate().certificateFile()).exists();
        assertThat(a.wallets().binding().addresses()).containsExactlyElementsOf(meter.addresses());
        assertThat(queue.pending()).isEmpty();
    }

    @Test
    void approvalWithAnotherSerialThanTheNameplateIsRefusedAndTheRequestKept() {
        SimulatedDevice meter = SimulatedDevice.node("node-7", "SDM-7");
        queue.submitCsr(NodeId.of("node-7"), csrOf(meter), "x", T0);
        queue.submitWallets(NodeId.of("node-7"), meter.walletsRequest(T0));

        assertThatThrownBy(() -> EnrollmentApproval.approve(
                        ca, new EnrollmentApproval.Vouched(NodeId.of("node-7"), "SDM-8", "Bob")))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class,
                        e -> assertThat(e.reason()).isEqualTo(RefusalReason.METER_SERIAL_MISMATCH));
        assertThat(queue.pending()).hasSize(1);
        assertThatThrownBy(() -> EnrollmentApproval.approve(
                        ca, new EnrollmentApproval.Vouched(NodeId.of("node-9"), null, "Carol")))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.UNKNOWN_NODE));
    }

    @Test
    void aRosterListsNodeSerialAndIdentityWhichMayHoldCommasAndRefusesBadLinesByNumber() throws Exception {
        Path roster = Files.writeString(
                tmp.resolve("roster.csv"),
                "# node, serial, owner\nnode-1,SDM-1,Alice Example, Mill Lane 3\n\nnode-2,,Bob\n");

        Map<NodeId, EnrollmentApproval.Vouched> r = EnrollmentApproval.roster(roster);

        assertThat(r.get(NodeId.of("node-1")).trueIdentity()).isEqualTo("Alice Example, Mill Lane 3");
        assertThat(r.get(NodeId.of("node-2")).meterSerial()).isNull();
        Files.writeString(roster, "node-1,SDM-1,Alice\nnot a line\n");
        assertThatThrownBy(() -> EnrollmentApproval.roster(roster)).hasMessageContaining("line 2");
    }
}
