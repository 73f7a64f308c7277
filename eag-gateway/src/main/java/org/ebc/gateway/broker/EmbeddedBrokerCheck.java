package org.ebc.gateway.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;

/**
 * A diagnostic entry point that starts only the embedded broker from the shipped jar, so that packaging
 * problems (merged service files, native libraries, logging bindings) show up without the rest of the
 * gateway: {@code java -cp eag-gateway.jar org.ebc.gateway.broker.EmbeddedBrokerCheck <data-dir>
 * [broker.key=value ...]}. It prints one {@code READY ...} line once the listener accepts connections,
 * runs until its standard input ends or reads {@code stop}, then closes the broker and prints
 * {@code STOPPED}. Exit status 0 on a clean run, 1 if the broker did not start, 2 on bad arguments.
 * Single-threaded.
 */
public final class EmbeddedBrokerCheck {
    private EmbeddedBrokerCheck() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: EmbeddedBrokerCheck <data-dir> [broker.key=value ...]");
            System.exit(2);
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                System.err.println("not a key=value setting: " + args[i]);
                System.exit(2);
            }
            values.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        BrokerSettings settings;
        try {
            Settings s = Settings.of(values);
            s.rejectUnknownKeys(BrokerSettings.KEYS);
            settings = BrokerSettings.from(s, Path.of(args[0]));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!(settings.endpoint() instanceof BrokerEndpoint.Embedded embedded)) {
            System.err.println(BrokerSettings.MODE + " must be embedded for this check");
            System.exit(2);
            return;
        }
        EmbeddedBroker broker;
        try {
            broker = EmbeddedBroker.start(embedded);
        } catch (BrokerStartException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        try (broker) {
            long heapMiB =
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            System.out.printf(
                    "READY uri=%s startup_ms=%d threads=%d heap_used_mib=%d%n",
                    broker.serverUri(),
                    broker.startupTime().toMillis(),
                    ManagementFactory.getThreadMXBean().getThreadCount(),
                    heapMiB);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.strip().equals("stop")) {
                System.out.println("dropped_messages=" + broker.droppedMessages());
            }
        }
        System.out.println("STOPPED");
    }
}
