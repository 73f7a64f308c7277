package org.ebc.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: owned by the engineer building this command; replace the body (must not ship as is).
@Command(name = "enroll", mixinStandardHelpOptions = true, description = "Create the node key and omega wallet keys on this device and write a CSR and a wallet-binding request.")
public final class EnrollCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("meter-agent enroll: not built yet");
        return 2;
    }
}
