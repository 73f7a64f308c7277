package org.ebc.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: owned by the engineer building this command; replace the body (must not ship as is).
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show registers, page counter, outbox depth, quarantine, broker state and last acknowledgement.")
public final class StatusCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("meter-agent status: not built yet");
        return 2;
    }
}
