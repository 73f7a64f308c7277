package org.ebc.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The block-validation benchmark runs end to end on a tiny block (its figures are for docs/benchmarks.md, not here). */
class BlockValidateBenchmarkTest {

    @Test
    void aTinyRunValidatesItsBlockAndReportsEveryFigure() {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BlockValidateBenchmark.Result r = BlockValidateBenchmark.run(
                new BlockValidateBenchmark.Options(40, 8, 2, 2, 2, Duration.ofMillis(20)),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(r.transactions()).isEqualTo(40);
        assertThat(r.signatures()).isEqualTo(3 * 40 + 1);
        for (double[] times : new double[][] {r.validationSeconds(), r.rawSeconds(), r.validationCpuSeconds()}) {
            assertThat(times).hasSize(2);
            assertThat(Arrays.stream(times).min().orElse(0)).isPositive();
        }
        assertThat(r.hashes().jdk()).isPositive();
        assertThat(r.hashes().bcDigest()).isPositive();
        assertThat(r.hashes().miner()).isPositive();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BlockValidateBenchmark.print(r, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "RESULT block validation",
                        "RESULT signatures/s",
                        "RESULT raw verify/s",
                        "RESULT ratio",
                        "RESULT sha-256");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("block 2: signing 40 transfers");
    }
}
