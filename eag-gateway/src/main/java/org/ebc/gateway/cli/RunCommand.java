package org.ebc.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: owned by the engineer building this command; replace the body (must not ship as is).
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the gateway: broker connection (or embedded broker), ingress, verification and storage.")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("eag-gateway run: not built yet");
        return 2;
    }
}
