package org.ebc.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeterStatusTest {
    /** A status message as the agent publishes it (org.ebc.agent.status.AgentStatus#toJson). */
    private static final String PUBLISHED =
            "{\"typ\":\"status\",\"node\":\"node-07\",\"eag\":\"eag-bench\",\"ts\":1763712000000,"
                    + "\"broker\":\"connected\",\"lastPage\":120,\"importWh\":5230,\"exportWh\":17,\"outbox\":3,\"outboxLimit\":100000,"
                    + "\"outboxFull\":false,\"inFlight\":2,\"quarantine\":1,\"lastAckedPage\":117,\"republished\":0}";

    @Test
    void anAgentsStatusMessageIsRead() {
        MeterStatus s =
                MeterStatus.parse(PUBLISHED.getBytes(StandardCharsets.UTF_8)).orElseThrow();

        assertThat(s)
                .isEqualTo(new MeterStatus(
                        "node-07", Instant.ofEpochMilli(1763712000000L), "connected", 120, 3, false, 2, 1, 117));
        assertThat(s.connected()).isTrue();
    }

    @Test
    void somethingElseOnTheStatusTopicIsNotAStatus() {
        assertThat(MeterStatus.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(MeterStatus.parse(PUBLISHED
                        .replace("\"typ\":\"status\"", "\"typ\":\"order\"")
                        .getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(MeterStatus.parse(PUBLISHED.replace("\"outbox\":3,", "").getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(MeterStatus.parse(
                        PUBLISHED.replace("\"outbox\":3", "\"outbox\":3.5").getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(MeterStatus.parse(null)).isEmpty();
    }
}
