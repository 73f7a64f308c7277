package org.ebc.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ebc.config.ConfigException;
import org.junit.jupiter.api.Test;

class ConsortiumTest {

    @Test
    void theDefaultQuorumIsTwoFPlusOneAndTwoQuorumsAlwaysShareAnHonestEag() {
        assertThat(QuorumRule.BFT.quorum(4)).isEqualTo(3);
        assertThat(QuorumRule.BFT.quorum(7)).isEqualTo(5);
        assertThat(QuorumRule.BFT.quorum(51)).isEqualTo(35);
        for (int n = 1; n <= 200; n++) {
            int q = QuorumRule.BFT.quorum(n);
            int f = (n - 1) / 3;
            assertThat(2 * q - n).as("overlap of two quorums, n=%d", n).isGreaterThan(f);
            assertThat(n - f).as("honest EAGs alone reach the quorum, n=%d", n).isGreaterThanOrEqualTo(q);
            assertThat(QuorumRule.ALL.quorum(n)).isEqualTo(n);
        }
    }

    @Test
    void theQuorumRuleIsReadFromConfigurationAndABadValueIsNamed() {
        assertThat(QuorumRule.parse("consensus.quorum", "2f+1")).isEqualTo(QuorumRule.BFT);
        assertThat(QuorumRule.parse("consensus.quorum", " ALL ")).isEqualTo(QuorumRule.ALL);
        assertThatThrownBy(() -> QuorumRule.parse("consensus.quorum", "majority"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("consensus.quorum")
                .hasMessageContaining("majority");
    }

    @Test
    void aConsortiumKnowsItsMembersByIdAndKeyAndRefusesDuplicates() {
        Consortium c = Members.consortium();
        assertThat(c.size()).isEqualTo(4);
        assertThat(c.quorum()).isEqualTo(3);
        assertThat(c.maxFaulty()).isEqualTo(1);
        assertThat(c.weakQuorum()).isEqualTo(2);
        assertThat(c.indexOf(Members.id(2))).isEqualTo(2);
        assertThat(c.indexOf(Members.id(9))).isEqualTo(-1);
        assertThat(c.memberByKey(Members.signer(3).keyId()).orElseThrow().id()).isEqualTo(Members.id(3));
        Member m = c.members().get(0);
        assertThatThrownBy(() -> new Consortium(Members.GENESIS, List.of(m, m), QuorumRule.BFT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Member(
                        Members.id(1), m.publicKey(), Members.signer(1).keyId()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
