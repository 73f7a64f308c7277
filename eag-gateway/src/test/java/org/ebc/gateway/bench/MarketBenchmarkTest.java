package org.ebc.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ebc.gateway.market.Clearing;
import org.ebc.gateway.market.MarketMode;
import org.ebc.gateway.market.MarketParameters;
import org.ebc.gateway.market.OrderBook;
import org.ebc.gateway.market.Pricing;
import org.junit.jupiter.api.Test;

/** The benchmark runs end to end on a small book and reports every figure (the figures themselves are not tested). */
class MarketBenchmarkTest {

    @Test
    void aSmallRunReportsTheBaselineEveryModeAndTheSettlement() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        List<MarketBenchmark.Timing> t = MarketBenchmark.run(new MarketBenchmark.Options(300, 40, 3, 1, 9), out);
        MarketBenchmark.print(t, out);

        assertThat(t)
                .extracting(MarketBenchmark.Timing::what)
                .contains(
                        "baseline: sort 300 orders by limit price",
                        "clear 300 orders, auction pay-as-clear",
                        "clear 300 orders, auction pay-as-bid",
                        "clear 300 orders, posted",
                        "settle 40 meters");
        assertThat(t)
                .hasSize(9)
                .allSatisfy(x -> assertThat(x.minMs()).isPositive().isLessThanOrEqualTo(x.p50Ms()));
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("p50 ms", "CPU p50 ms", "targets (p50, this machine)");
    }

    @Test
    void theSameSeedGivesTheSameBook() {
        MarketParameters p = MarketParameters.DEFAULTS.withRules(MarketMode.AUCTION, Pricing.PAY_AS_CLEAR);
        OrderBook a = SyntheticBooks.book(MarketBenchmark.SLOT, p, 500, 4);
        OrderBook b = SyntheticBooks.book(MarketBenchmark.SLOT, p, 500, 4);

        assertThat(Clearing.clear(a).canonicalBytes())
                .isEqualTo(Clearing.clear(b).canonicalBytes());
        assertThat(a.orders()).extracting(o -> o.wallet().toString()).doesNotHaveDuplicates();
    }
}
