package org.ebc.gateway.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ebc.config.ConfigException;
import org.ebc.gateway.Gateway;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.broker.BrokerStartException;
import org.ebc.gateway.storage.SchemaMigrator;
import org.ebc.gateway.storage.StorageException;
import org.tinylog.Logger;
import org.tinylog.provider.ProviderRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eag-gateway run --config FILE}: runs the gateway until SIGTERM or Ctrl-C, then stops it cleanly
 * (everything already taken from the broker is committed and acknowledged; the rest stays queued at the
 * broker for the next start). Exit codes: 2 for a configuration problem (the message names the key; also
 * a configured broker port that another process holds, so that systemd does not restart in a loop),
 * 1 when the database or the embedded broker cannot start; on a signal the JVM exits with 128 + signal
 * (143 for SIGTERM) after the clean stop.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the gateway: broker connection (or embedded broker), ingress, verification and storage.")
public final class RunCommand implements Callable<Integer> {

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "the gateway's configuration file (properties)")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        Gateway gateway;
        try {
            gateway = Gateway.start(GatewayConfig.load(config, Clock.systemUTC()));
        } catch (ConfigException e) {
            System.err.println("eag-gateway run: " + e.getMessage());
            return 2;
        } catch (BrokerStartException e) {
            // A configured port held by another process is a configuration problem: restarting cannot fix it.
            System.err.println("eag-gateway run: " + e.getMessage());
            return e.isConfiguration() ? 2 : 1;
        } catch (StorageException | SchemaMigrator.SchemaException e) {
            System.err.println("eag-gateway run: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            // Anything else at start is a fault to report in one line, not a stack trace for the operator.
            Logger.error(e, "gateway did not start");
            System.err.println("eag-gateway run: cannot start: " + e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            Logger.info("stop requested (signal); stopping the gateway");
                            gateway.close();
                            stopped.countDown();
                            // tinylog is told not to shut down by itself (autoshutdown=false) so that these last lines
                            // are kept.
                            shutDownLogging();
                        },
                        "ebc-shutdown"));
        stopped.await();
        return 0;
    }

    private static void shutDownLogging() {
        try {
            ProviderRegistry.getLoggingProvider().shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
