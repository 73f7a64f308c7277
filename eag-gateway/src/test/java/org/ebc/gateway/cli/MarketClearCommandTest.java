package org.ebc.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ebc.gateway.market.Clearing;
import org.ebc.gateway.market.GoldenMarketFiles;
import org.ebc.gateway.market.MarketMode;
import org.ebc.gateway.market.OrderBook;
import org.ebc.gateway.market.Pricing;
import org.ebc.units.Energy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketClearCommandTest {
    @TempDir
    Path dir;

    private Path goldenBook() throws IOException {
        Path f = dir.resolve("book.json");
        Files.write(f, GoldenMarketFiles.bytes("golden-book.json"));
        return f;
    }

    @Test
    void anExportedBookClearsToThePublishedBytesAndDigest() throws IOException {
        CliRun run = CliRun.of("market", "clear", "--orders", goldenBook().toString());

        String golden = new String(GoldenMarketFiles.bytes("golden-allocation.json"), StandardCharsets.UTF_8);
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(golden + System.lineSeparator());
        assertThat(run.err())
                .contains("auction pay-as-clear")
                .contains("price 0.20000000 EC/kWh; 2 trade(s), volume 700 Wh; grid import 300 Wh, grid export 500 Wh")
                .contains("digest sha256 "
                        + org.ebc.gateway.market.ContentDigest.sha256Hex(
                                GoldenMarketFiles.bytes("golden-allocation.json")));
    }

    @Test
    void digestPrintsOnlyTheDigest() throws IOException {
        CliRun run = CliRun.of("market", "clear", "--orders", goldenBook().toString(), "--digest");

        assertThat(run.exit()).isZero();
        assertThat(run.out().trim())
                .isEqualTo(Clearing.clear(GoldenMarketFiles.book().book()).digest());
    }

    @Test
    void modeAndPricingRerunTheBookUnderOtherRules() throws IOException {
        OrderBook book = GoldenMarketFiles.book().book();

        CliRun bid = CliRun.of("market", "clear", "--orders", goldenBook().toString(), "--pricing", "pay-as-bid");
        CliRun posted = CliRun.of(
                "market",
                "clear",
                "--orders",
                goldenBook().toString(),
                "--mode",
                "posted",
                "--reference-supply",
                "1200");

        assertThat(bid.exit()).isZero();
        assertThat(bid.out().trim())
                .isEqualTo(new String(
                        Clearing.clear(book.withRules(MarketMode.AUCTION, Pricing.PAY_AS_BID, Energy.ZERO))
                                .canonicalBytes(),
                        StandardCharsets.UTF_8));
        assertThat(bid.err()).contains("re-run as auction pay-as-bid (the file says auction pay-as-clear)");
        assertThat(posted.exit()).isZero();
        assertThat(posted.out().trim())
                .isEqualTo(new String(
                        Clearing.clear(book.withRules(MarketMode.POSTED, Pricing.PAY_AS_CLEAR, Energy.ofWh(1200)))
                                .canonicalBytes(),
                        StandardCharsets.UTF_8));
        assertThat(posted.err()).contains("posted terms computed from its demand and --reference-supply 1200 Wh");
    }

    @Test
    void aDamagedFileIsRefusedWithItsReasonAndNoStackTrace() throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(
                f,
                new String(GoldenMarketFiles.bytes("golden-book.json"), StandardCharsets.UTF_8)
                        .replace("\"wh\":500", "\"wh\":-5"));

        CliRun run = CliRun.of("market", "clear", "--orders", f.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("refused: bad-value: orders[3].wh").doesNotContain("Exception", "\tat ");
    }

    @Test
    void aMissingFileAndBadOptionsSayWhatIsWrong() throws IOException {
        CliRun missing = CliRun.of(
                "market", "clear", "--orders", dir.resolve("nope.json").toString());
        CliRun badMode = CliRun.of("market", "clear", "--orders", goldenBook().toString(), "--mode", "barter");

        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("cannot read").doesNotContain("\tat ");
        assertThat(badMode.exit()).isEqualTo(2);
        assertThat(badMode.err()).contains("--mode must be posted or auction, not 'barter'");
    }
}
