package org.ebc.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.KeyPairs;
import org.ebc.testing.TestAuthority;
import org.ebc.units.CoinAmount;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AccountPool} must do; run against the in-memory twin and against SQLite. */
abstract class AccountPoolContract {
    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    final TestAuthority authority = TestAuthority.create("test-authority", NOW);
    AccountPool pool;

    abstract AccountPool newPool() throws Exception;

    @BeforeEach
    void createPool() throws Exception {
        pool = newPool();
    }

    NodeRecord node(String id, String meter) {
        TestAuthority.Issued issued = authority.node(id, meter);
        return NodeRecord.of(issued.certificate(), CertificateSubject.node(id, "owner of " + id, meter), NOW, "mqtt");
    }

    @Test
    void aBoundNodeIsFoundByIdAndByMeterWithItsCertificate() {
        NodeRecord alice = node("alice", "SDM-A");
        pool.bindNode(alice);

        NodeRecord found = pool.node(NodeId.of("alice")).orElseThrow();

        assertThat(found.certificate()).isEqualTo(alice.certificate());
        assertThat(found.trueIdentity()).isEqualTo("owner of alice");
        assertThat(found.meter()).isEqualTo(MeterSerial.of("SDM-A"));
        assertThat(found.keyId()).isEqualTo(alice.keyId());
        assertThat(found.boundAt()).isEqualTo(NOW);
        assertThat(found.source()).isEqualTo("mqtt");
        assertThat(pool.nodeOfMeter(MeterSerial.of("SDM-A")).map(NodeRecord::node))
                .contains(NodeId.of("alice"));
        assertThat(pool.node(NodeId.of("bob"))).isEmpty();
        assertThat(pool.nodeOfMeter(MeterSerial.of("SDM-B"))).isEmpty();
    }

    @Test
    void bindingANodeAgainReplacesItsCertificateAndKeepsItsWallets() {
        pool.bindNode(node("alice", "SDM-A"));
        WalletAddress a = WalletAddress.of(KeyPairs.generate().getPublic());
        pool.bindWallet(a, NodeId.of("alice"));
        NodeRecord renewed = node("alice", "SDM-A");

        pool.bindNode(renewed);

        assertThat(pool.node(NodeId.of("alice")).orElseThrow().certificate()).isEqualTo(renewed.certificate());
        assertThat(pool.nodes()).hasSize(1);
        assertThat(pool.ownerOf(a)).contains(NodeId.of("alice"));
    }

    @Test
    void aSecondNodeOnAnAlreadyBoundMeterIsRefused() {
        pool.bindNode(node("alice", "M1"));

        assertThatThrownBy(() -> pool.bindNode(node("bob", "M1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meter M1 is already bound to node alice");
        assertThat(pool.node(NodeId.of("bob"))).isEmpty();
    }

    @Test
    void nodesAreListedInIdOrder() {
        pool.bindNode(node("carol", "M3"));
        pool.bindNode(node("alice", "M1"));
        pool.bindNode(node("bob", "M2"));

        assertThat(pool.nodes()).extracting(n -> n.node().value()).containsExactly("alice", "bob", "carol");
    }

    @Test
    void aWalletAddressBelongsToExactlyOneNode() {
        pool.bindNode(node("alice", "M1"));
        pool.bindNode(node("bob", "M2"));
        WalletAddress a1 = WalletAddress.of(KeyPairs.generate().getPublic());
        WalletAddress a2 = WalletAddress.of(KeyPairs.generate().getPublic());

        assertThat(pool.bindWallet(a1, NodeId.of("alice"))).isEqualTo(WalletBindResult.BOUND);
        assertThat(pool.bindWallet(a2, NodeId.of("alice"))).isEqualTo(WalletBindResult.BOUND);
        assertThat(pool.bindWallet(a1, NodeId.of("alice"))).isEqualTo(WalletBindResult.ALREADY_BOUND);
        assertThat(pool.bindWallet(a1, NodeId.of("bob"))).isEqualTo(WalletBindResult.BOUND_TO_OTHER_NODE);
        assertThat(pool.bindWallet(a1, NodeId.of("nobody"))).isEqualTo(WalletBindResult.UNKNOWN_NODE);
        assertThat(pool.ownerOf(a1)).contains(NodeId.of("alice"));
        assertThat(pool.walletsOf(NodeId.of("alice"))).containsExactlyInAnyOrder(a1, a2);
        assertThat(pool.walletsOf(NodeId.of("bob"))).isEmpty();
    }

    @Test
    void balancesAreCreditedAndDebitedInMinorUnitsAndNeverGoNegative() {
        pool.bindNode(node("alice", "M1"));
        WalletAddress a = WalletAddress.of(KeyPairs.generate().getPublic());
        pool.bindWallet(a, NodeId.of("alice"));

        assertThat(pool.balance(a)).isEqualTo(CoinAmount.ZERO);
        pool.credit(a, CoinAmount.ofMinorUnits(150));
        pool.credit(a, CoinAmount.ofMinorUnits(50));
        assertThat(pool.debit(a, CoinAmount.ofMinorUnits(120))).isTrue();
        assertThat(pool.debit(a, CoinAmount.ofMinorUnits(81))).isFalse();
        assertThat(pool.balance(a)).isEqualTo(CoinAmount.ofMinorUnits(80));
        assertThat(pool.debit(a, CoinAmount.ofMinorUnits(80))).isTrue();
        assertThat(pool.balance(a)).isEqualTo(CoinAmount.ZERO);
        assertThat(pool.debit(a, CoinAmount.ZERO)).isTrue();
    }

    @Test
    void moneyMovesOnlyOnBoundAddressesAndNeverInNegativeAmounts() {
        pool.bindNode(node("alice", "M1"));
        WalletAddress bound = WalletAddress.of(KeyPairs.generate().getPublic());
        pool.bindWallet(bound, NodeId.of("alice"));
        WalletAddress stranger = WalletAddress.of(KeyPairs.generate().getPublic());

        assertThatThrownBy(() -> pool.credit(stranger, CoinAmount.ofMinorUnits(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not bound");
        assertThatThrownBy(() -> pool.debit(stranger, CoinAmount.ofMinorUnits(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pool.credit(bound, CoinAmount.ofMinorUnits(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThat(pool.balance(bound)).isEqualTo(CoinAmount.ZERO);
    }
}
