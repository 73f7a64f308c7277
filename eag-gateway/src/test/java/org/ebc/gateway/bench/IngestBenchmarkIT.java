package org.ebc.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A small run of the ingest benchmark (the figures themselves come from {@code eag-gateway bench-ingest}
 * and are never asserted): every timed reading must be stored and acknowledged for a result to exist.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IngestBenchmarkIT {

    @Test
    void aRunStoresAndAcknowledgesEveryTimedReadingAndReportsBothRates() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        IngestBenchmark.Result r = IngestBenchmark.run(
                new IngestBenchmark.Options(2, 500, 100, Optional.empty(), 100, Duration.ofMillis(500), Map.of()), out);
        IngestBenchmark.print(r, out);

        String printed = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertThat(r.readings()).isEqualTo(1000);
        assertThat(r.ingestSeconds()).isPositive();
        assertThat(r.rawBefore()).isPositive();
        assertThat(r.rawAfter()).isPositive();
        assertThat(printed)
                .contains(
                        "gateway stored 1000, rejected 0",
                        "0 unverifiable ack(s)",
                        "RESULT ingest",
                        "RESULT raw verify",
                        "RESULT ratio");
    }
}
