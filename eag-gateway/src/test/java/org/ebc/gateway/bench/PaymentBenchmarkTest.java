package org.ebc.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The payment benchmark's machinery on a tiny run: every payment is applied on both stores, figures are printed. */
class PaymentBenchmarkTest {
    @Test
    void aTinyRunAppliesEveryPaymentOnBothStoresAndPrintsItsFigures() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PaymentBenchmark.Result r = PaymentBenchmark.run(
                new PaymentBenchmark.Options(30, 5, 3, true, true, Duration.ofMillis(100)),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(r.payments()).isEqualTo(30);
        assertThat(r.memory()).isPresent();
        assertThat(r.sqlite()).isPresent();
        assertThat(r.rawBefore()).isPositive();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PaymentBenchmark.print(r, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("RESULT raw verify")
                .contains("RESULT payments memory")
                .contains("RESULT payments sqlite");
    }
}
