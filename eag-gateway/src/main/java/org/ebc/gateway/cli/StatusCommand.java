package org.ebc.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: owned by the engineer building this command; replace the body (must not ship as is).
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the gateway's database: nodes, readings stored, rejections by reason, gap events.")
public final class StatusCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("eag-gateway status: not built yet");
        return 2;
    }
}
