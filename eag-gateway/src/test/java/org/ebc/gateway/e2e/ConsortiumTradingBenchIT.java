package org.ebc.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ebc.gateway.storage.GatewayDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code eag-gateway consortium bench} as a user runs it (issue 8): four packaged gateways as processes, each with
 * its meters trading, over the bench's broker. Short, so it fits the suite: the figures it prints are checked for
 * being there and non-zero, and the four gateways' files are then read from outside.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ConsortiumTradingBenchIT {
    @Test
    void fourGatewayProcessesWithMetersTradingCommitTheirPaymentsOnOneChainAndPrintTheFigures() throws Exception {
        Path dir = EndToEnd.freshDirectory("consortium-trading-bench").resolve("bench");
        EndToEnd.Run r = EndToEnd.gatewayCommand(
                "consortium",
                "bench",
                "--eags",
                "4",
                "--nodes",
                "12",
                "--duration",
                "20s",
                "--slot",
                "4s",
                "--agent-jar",
                EndToEnd.agentJar().toString(),
                "--dir",
                dir.toString());

        assertThat(r.exit()).as(r.out()).isZero();
        r.out()
                .lines()
                .filter(l -> l.matches("^(consortium bench: 4|commit latency|transactions:|payment -> block|CPU:).*"))
                .forEach(System.out::println);
        assertThat(r.out())
                .contains("4 EAGs, 12 simulated meters trading (3 per EAG), gateways as processes (eag-gateway run)")
                .contains(", 0 forks")
                .containsPattern("commit latency .*: p50 [0-9]+ ms, p99 [0-9]+ ms")
                .containsPattern("transactions: [0-9]+ committed in [0-9]+ s, [0-9.]+ transactions/s");
        assertThat(number(r.out(), "([0-9]+) blocks committed at every EAG")).isPositive();
        assertThat(number(r.out(), "([0-9]+) bills paid at the 4 EAGs")).isPositive();
        assertThat(number(r.out(), "of them ([0-9]+) payments of bills")).isPositive();
        assertThat(number(r.out(), "over ([0-9]+) payments;")).as(r.out()).isPositive();

        // From outside: the four files hold one chain, and each holds up as `ledger verify` checks it.
        Path first = GatewayDatabase.file(dir.resolve("eag-1").resolve("gateway"));
        long height = EndToEnd.single(first, "SELECT MAX(height) FROM ledger_blocks");
        assertThat(height).isPositive();
        for (int i = 1; i <= 4; i++) {
            Path site = dir.resolve("eag-" + i);
            Path db = GatewayDatabase.file(site.resolve("gateway"));
            for (long h = 1; h <= height; h++) {
                String sql = "SELECT hash FROM ledger_blocks WHERE height = " + h;
                if (EndToEnd.single(db, "SELECT COUNT(*) FROM ledger_blocks WHERE height = " + h) == 1) {
                    assertThat(EndToEnd.text(db, sql))
                            .as("block %d at eag-%d", h, i)
                            .isEqualTo(EndToEnd.text(first, sql));
                }
            }
            EndToEnd.Run verified = EndToEnd.gatewayCommand(
                    "ledger",
                    "verify",
                    "--data",
                    site.resolve("gateway").toString(),
                    "--genesis",
                    dir.resolve("eag-1").resolve("genesis.json").toString(),
                    "--ca",
                    dir.resolve("eag-1").resolve("authority").resolve("ca.crt").toString());
            assertThat(verified.out()).as("eag-%d", i).contains("ledger verify: ok:");
        }
    }

    private static long number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertThat(m.find()).as("'%s' in:%n%s", regex, out).isTrue();
        return Long.parseLong(m.group(1));
    }
}
