package org.ebc.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: owned by the engineer building this command; replace the body (must not ship as is).
@Command(name = "readings", mixinStandardHelpOptions = true, description = "Export stored readings (exactly as received) as OCMF lines or CSV.")
public final class ReadingsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("eag-gateway readings: not built yet");
        return 2;
    }
}
