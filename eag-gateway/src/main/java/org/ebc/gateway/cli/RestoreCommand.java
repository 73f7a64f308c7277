package org.ebc.gateway.cli;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.crypto.KeyFileException;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.backup.GatewayRestore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eag-gateway restore --from DIR --config FILE}: puts a backup in place while no gateway runs. */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Restore a backup (`eag-gateway backup`) into the data directory of FILE: checks its integrity, copies gateway.db "
                    + "and, if keys.dir has no eag.key, the EAG's keys; files get the data directory's owner.",
            "",
            "Refuses while a gateway runs on that data directory (stop it first: systemctl stop ebc-eag-gateway), and over "
                    + "an existing gateway.db unless --replace (which keeps it as gateway.db.before-restore).",
            "",
            "Exit status: 0 done, 1 failed, 2 refused (configuration, running gateway, existing database)."
        })
public final class RestoreCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The backup directory.")
    Path from;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The gateway's configuration file.")
    Path config;

    @Option(names = "--replace", description = "Restore over an existing database (kept as gateway.db.before-restore).")
    boolean replace;

    @Override
    public Integer call() {
        try {
            // Only where the files go: the rest of the configuration names files (the keys) that the restore brings.
            Settings settings = Settings.load(config);
            Path data = Path.of(settings.requireString(GatewayConfig.DATA_DIR));
            Path keys = Path.of(
                    settings.string(GatewayConfig.KEYS_DIR, data.resolve("keys").toString()));
            GatewayRestore.Summary s = GatewayRestore.restore(from, data, keys, replace, Clock.systemUTC());
            System.out.println("Restored " + s.readings() + " reading(s) into " + s.database()
                    + (s.keysRestored() ? "; the EAG's keys into " + keys : "; keys left as they were in " + keys));
            GatewayConfig.load(config, Clock.systemUTC());
            System.out.println(config + " is usable with them: systemctl enable --now ebc-eag-gateway");
            return 0;
        } catch (ConfigException e) {
            System.err.println("eag-gateway restore: " + e.getMessage());
            return 2;
        } catch (SQLException | KeyFileException e) {
            System.err.println("eag-gateway restore: " + e.getMessage());
            return 1;
        }
    }
}
