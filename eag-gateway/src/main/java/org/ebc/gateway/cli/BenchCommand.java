package org.ebc.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: owned by the engineer building this command; replace the body (must not ship as is).
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Start the gateway, its embedded broker and N simulated meters, and print a live summary.")
public final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("eag-gateway bench: not built yet");
        return 2;
    }
}
