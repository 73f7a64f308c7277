package org.ebc.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;

class MosquittoAclTest {

    @Test
    void anEagSectionGrantsEverythingOfItsOwnEagAndTheConsortium() {
        // Golden text: the section the authority writes for eag-07.
        assertThat(MosquittoAcl.eagSection(EagId.of("eag-07"))).isEqualTo("""

                # EAG eag-07: its own gateway identity (certificate CN = eag-07).
                user eag-07
                # It reads and writes everything of its own EAG: its meters' messages, its answers to its nodes, its certificate, its market.
                topic readwrite ebc/v1/eag-07/#
                # It takes part in consensus with the other EAGs (proposals, audits, replies, commits, blacklist, sync).
                topic readwrite ebc/v1/consortium/#
                """);
    }

    @Test
    void everyNodeGetsThePatternsOfTheEmbeddedBrokersNodeRights() {
        String acl = MosquittoAcl.file(List.of());

        assertThat(acl)
                .contains("pattern write ebc/v1/+/meter/%u/#\n")
                .contains("pattern read ebc/v1/+/node/%u/#\n")
                .contains("pattern read ebc/v1/+/eag/#\n")
                .contains("pattern read ebc/v1/+/market/#\n")
                .doesNotContain("\nuser ");
        assertThat(acl.lines().filter(l -> l.startsWith("pattern ")).count())
                .isEqualTo(TopicRights.node("x").size());
    }

    @Test
    void theFileHasOneSectionPerCertifiedEagInOrder() {
        String acl = MosquittoAcl.file(List.of(EagId.of("eag-a"), EagId.of("eag-b")));

        assertThat(acl.lines().filter(l -> l.startsWith("user ")).toList()).containsExactly("user eag-a", "user eag-b");
        assertThat(acl).endsWith(MosquittoAcl.eagSection(EagId.of("eag-b")));
    }

    @Test
    void theShippedAclIsTheGeneratedFileOfASiteWithoutEags() throws Exception {
        // The package ships what `authority mosquitto` writes before any EAG is certified; they cannot drift apart.
        assertThat(Files.readString(Path.of("src/main/deploy/mosquitto/ebc.acl")))
                .isEqualTo(MosquittoAcl.file(List.of()));
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

    @Test
    void everyLogTypeIsOnALineOfItsOwnAsMosquittoReadsThem() throws Exception {
        // Mosquitto takes one type per log_type line; "log_type error warning" logs nothing of the kind.
        assertThat(Files.readAllLines(Path.of("src/main/deploy/mosquitto/ebc.conf")))
                .filteredOn(l -> l.startsWith("log_type "))
                .isNotEmpty()
                .allMatch(l -> l.split(" ").length == 2);
    }
}
