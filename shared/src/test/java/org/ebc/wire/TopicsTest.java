package org.ebc.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {
    private static final EagId EAG = EagId.of("eag-1");
    private static final NodeId NODE = NodeId.of("node-7");

    @Test
    void topicsAreVersionedAndPerEag() {
        assertThat(Topics.reading(EAG, NODE)).isEqualTo("ebc/v1/eag-1/meter/node-7/reading");
        assertThat(Topics.allMeters(EAG, Topics.MeterMessage.READING)).isEqualTo("ebc/v1/eag-1/meter/+/reading");
        assertThat(Topics.ack(EAG, NODE)).isEqualTo("ebc/v1/eag-1/node/node-7/ack");
        assertThat(Topics.eagCertificate(EAG)).isEqualTo("ebc/v1/eag-1/eag/certificate");
        assertThat(Topics.market(EAG, "demand")).isEqualTo("ebc/v1/eag-1/market/demand");
        assertThat(Topics.consortium("commit")).isEqualTo("ebc/v1/consortium/commit");
        assertThat(Topics.consortium(EagId.of("eag-07"), "commit")).isEqualTo("ebc/v1/consortium/eag-07/commit");
    }

    @Test
    void everyMeterTopicReadsBackAsItsEagNodeAndKind() {
        for (Topics.MeterMessage kind : Topics.MeterMessage.values()) {
            assertThat(Topics.parseMeterTopic(Topics.meter(EAG, NODE, kind)))
                    .contains(new Topics.MeterTopic(EAG, NODE, kind));
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "ebc/v1/eag-1/meter/node-7",
                "ebc/v1/eag-1/meter/node-7/reading/x",
                "ebc/v2/eag-1/meter/node-7/reading",
                "ebc/v1/eag-1/node/node-7/reading",
                "ebc/v1/eag-1/meter/+/reading",
                "ebc/v1/eag-1/meter/node-7/unknown",
                "ebc/v1//meter/node-7/reading",
                "ebc/v1/eag-1/meter//reading",
                "ebc/v1/eag-1/meter/.x/reading",
                "/ebc/v1/eag-1/meter/node-7/reading"
            })
    void anythingElseIsNotAMeterTopic(String topic) {
        assertThat(Topics.parseMeterTopic(topic)).isEmpty();
    }
}
