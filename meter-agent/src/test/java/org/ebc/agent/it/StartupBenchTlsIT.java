package org.ebc.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebc.agent.bench.StartupBench;
import org.ebc.agent.cli.BenchStartupCommand;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.CryptoProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench-startup --tls} works: the packaged agent reaches the bench's Mosquitto over TLS with its node
 * certificate and the stand-in gateway acknowledges its first record. (What it measures is a benchmark's
 * business, run on demand; this only shows that the TLS set-up is right.)
 */
@Timeout(120)
class StartupBenchTlsIT {
    @TempDir
    Path work;

    @Test
    void oneRunOverTlsPublishesAndIsAcknowledged() throws Exception {
        Path mosquitto = Path.of("/usr/sbin/mosquitto");
        if (!Files.isExecutable(mosquitto)) {
            throw new AssertionError("this test starts Mosquitto: apt-get install -y mosquitto");
        }
        Path jar = Path.of("target/meter-agent.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar.toAbsolutePath() + " is missing: run the agent's package phase first");
        }
        Crypto.useProvider(CryptoProvider.BOUNCY_CASTLE);
        StringWriter out = new StringWriter();

        List<StartupBench.Run> runs = new StartupBench(
                        new StartupBench.Setup(
                                Path.of(System.getProperty("java.home"), "bin", "java"),
                                jar,
                                BenchStartupCommand.RECOMMENDED_JVM_FLAGS,
                                1,
                                work,
                                mosquitto.toString(),
                                null,
                                1,
                                true),
                        new PrintWriter(out))
                .run();

        assertThat(out.toString())
                .containsPattern("broker ssl://localhost:\\d+ \\(agent\\), tcp://127\\.0\\.0\\.1:\\d+");
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.acknowledgedMs())
                    .isGreaterThanOrEqualTo(r.publishedMs())
                    .isPositive();
            assertThat(r.rssAtAckKb()).isPositive();
        });
    }
}
