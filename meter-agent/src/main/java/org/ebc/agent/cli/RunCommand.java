package org.ebc.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: owned by the engineer building this command; replace the body (must not ship as is).
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the agent: read the meter, sign readings, keep the outbox and deliver it to the gateway.")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("meter-agent run: not built yet");
        return 2;
    }
}
