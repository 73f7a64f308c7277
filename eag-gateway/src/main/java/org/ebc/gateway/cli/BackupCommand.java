package org.ebc.gateway.cli;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.crypto.KeyFileException;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.backup.GatewayBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eag-gateway backup --config FILE --out DIR}: a consistent copy while the gateway runs. */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Back up the gateway while it runs: OUT/gateway.db (SQLite's online backup, one consistent snapshot, checked "
                    + "with integrity_check), OUT/keys/ (the EAG's key and certificates), the configuration and a MANIFEST.",
            "",
            "OUT is made mode 0700: it holds the EAG's private key. Move it to the new machine and run `eag-gateway restore` "
                    + "there. The authority's directory (if it lives on this machine) is backed up separately.",
            "",
            "Exit status: 0 done, 1 failed, 2 bad configuration."
        })
public final class BackupCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The gateway's configuration file.")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the backup.")
    Path out;

    @Override
    public Integer call() {
        GatewayConfig c;
        try {
            c = GatewayConfig.load(config, Clock.systemUTC());
        } catch (ConfigException e) {
            System.err.println("eag-gateway backup: " + e.getMessage());
            return 2;
        }
        try {
            GatewayBackup.Summary s =
                    GatewayBackup.write(c.dataDir(), c.keysDir(), Optional.of(config), out, Clock.systemUTC());
            System.out.println(
                    "Backed up " + s.readings() + " reading(s) of " + s.nodes() + " node(s) to " + s.directory()
                            + " (integrity " + s.integrity()
                            + (s.keys() ? ", with the EAG's keys" : ", no keys found in " + c.keysDir()) + ")");
            return 0;
        } catch (SQLException | KeyFileException e) {
            System.err.println("eag-gateway backup: " + e.getMessage());
            return 1;
        }
    }
}
