package org.ebc.gateway.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.storage.GatewayDatabase;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE | --data DIR} choice of the commands that read a gateway's database (used as
 * an exclusive, required picocli argument group).
 */
final class DatabaseLocation {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "the gateway's configuration file (its data.dir is used)")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "the gateway's data directory (holds gateway.db)")
    Path data;

    /** The database file. @throws org.ebc.config.ConfigException if the configuration file is not usable */
    Path databaseFile() {
        Path dir = data != null
                ? data
                : GatewayConfig.load(config, Clock.systemUTC()).dataDir();
        return GatewayDatabase.file(dir);
    }
}
