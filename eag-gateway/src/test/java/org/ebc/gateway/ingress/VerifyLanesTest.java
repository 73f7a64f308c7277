package org.ebc.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerifyLanesTest {
    @Test
    void aNodesReadingsAndCertificateShareOneLane() {
        for (int lanes = 1; lanes <= 4; lanes++) {
            for (int n = 0; n < 50; n++) {
                String base = "ebc/v1/eag-1/meter/node-" + n;
                assertThat(VerifyLanes.laneOf(base + "/reading", lanes))
                        .isEqualTo(VerifyLanes.laneOf(base + "/certificate", lanes))
                        .isBetween(0, lanes - 1);
            }
        }
    }

    @Test
    void manyNodesSpreadOverEveryLane() {
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int n = 0; n < 100; n++) {
            used.add(VerifyLanes.laneOf("ebc/v1/eag-1/meter/node-" + n + "/reading", 3));
        }
        assertThat(used).containsExactlyInAnyOrder(0, 1, 2);
    }
}
