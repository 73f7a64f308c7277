package org.ebc.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: owned by the engineer building this command; replace the body (must not ship as is).
@Command(name = "authority", mixinStandardHelpOptions = true, description = "Registration authority: create the CA, issue EAG and node certificates, bind wallets, revoke, list.")
public final class AuthorityCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("eag-gateway authority: not built yet");
        return 2;
    }
}
