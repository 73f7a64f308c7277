package org.ebc.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.ebc.crypto.KeyDirectory;
import org.ebc.gateway.authority.EnrollmentService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authority serve}: the enrollment service meters of a bundle call. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the enrollment service until stopped (SIGTERM, Ctrl-C): meters flashed with a bundle of this authority "
                    + "send their requests here and fetch their certificates once `authority approve` has issued them.",
            "",
            "It queues requests in DIR/enrollment/ and never opens ca.key. Plain HTTP: everything it carries is public "
                    + "(requests and certificates), each meter checks what it gets against its bundle's ca.crt, and the "
                    + "bundle's token keeps strangers out of the queue."
        })
final class AuthorityServeCommand extends AuthorityAction {

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            defaultValue = "0.0.0.0:8884",
            description = "Address and port to listen on (default: ${DEFAULT-VALUE}).")
    String listen;

    @Override
    int execute(PrintWriter out) {
        int colon = listen.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw usage("--listen '" + listen + "' is not HOST:PORT");
        }
        if (colon < 1 || port < 0 || port > 65_535) {
            throw usage("--listen '" + listen + "' is not HOST:PORT");
        }
        KeyDirectory.requireOwnerOnly(dir);
        EnrollmentService service;
        try {
            service = EnrollmentService.start(dir, new InetSocketAddress(listen.substring(0, colon), port), clock);
        } catch (IOException e) {
            spec.commandLine()
                    .getErr()
                    .println(spec.qualifiedName() + ": cannot listen on " + listen + ": " + e.getMessage());
            return USAGE;
        }
        out.println("Enrollment service listening on " + service.address() + "; approve with: eag-gateway authority "
                + "pending --dir " + dir + " / approve --dir " + dir + " …");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            service.close();
                            stopped.countDown();
                        },
                        "ebc-enrollment-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
