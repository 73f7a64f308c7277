package org.ebc.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;

class MosquittoAclTest {

    @Test
    void anEagSectionGrantsItsOwnMetersNodesMarketAndTheConsortium() {
        // Golden text: what the authority appends to ebc.acl for eag-07.
        assertThat(MosquittoAcl.eagSection(EagId.of("eag-07"))).isEqualTo("""

                # EAG eag-07: its own gateway identity (certificate CN = eag-07).
                user eag-07
                # It reads what its meters publish (readings, orders, payments).
                topic read ebc/v1/eag-07/meter/#
                # It answers its nodes (acknowledgements, bills, tokens).
                topic write ebc/v1/eag-07/node/#
                # It broadcasts its market (demand, price, results).
                topic write ebc/v1/eag-07/market/#
                # It takes part in consensus with the other EAGs (proposals, audits, replies, commits, blacklist, sync).
                topic readwrite ebc/v1/consortium/#
                """);
    }

    @Test
    void theShippedAclAndTheGeneratedSectionMatchTheTemplateInTheFile() throws Exception {
        // ebc.acl documents the section's shape in comments; keep the two from drifting apart.
        String shipped = Files.readString(Path.of("src/main/deploy/mosquitto/ebc.acl"));
        String generated = MosquittoAcl.eagSection(EagId.of("eag-01"));
        for (String line : generated.strip().split("\n")) {
            assertThat(shipped).contains("#   " + line);
        }
    }

    @Test
    void everyShippedRuleHasACommentAboveIt() throws Exception {
        for (String file : new String[] {"ebc.acl", "ebc.conf"}) {
            String[] lines = Files.readString(Path.of("src/main/deploy/mosquitto/" + file))
                    .split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank() && !lines[i].startsWith("#")) {
                    assertThat(i > 0 && lines[i - 1].startsWith("#"))
                            .as(file + " line " + (i + 1) + " '" + lines[i] + "' has a comment above it")
                            .isTrue();
                    assertThat(lines[i])
                            .as(file + " line " + (i + 1)
                                    + " has no inline comment (Mosquitto would read it as part of the value)")
                            .doesNotContain(" #");
                }
            }
        }
    }
}
