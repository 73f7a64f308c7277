package org.ebc.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §7: the market, settlement, payment, credit, chain and consensus code is pure Java. It talks to
 * the world through small ports; MQTT, JDBC, Pi4J, the broker and the command line stay in the adapter
 * packages. This test fails the build when a core class imports one of them.
 */
class CorePurityTest {
    /** The pure core, as DESIGN §7 names it, and the reading verifier before it. */
    static final List<String> CORE = List.of(
            "org.ebc.gateway.verify..",
            "org.ebc.gateway.market..",
            "org.ebc.gateway.settlement..",
            "org.ebc.gateway.payment..",
            "org.ebc.gateway.credit..",
            "org.ebc.gateway.chain..",
            "org.ebc.gateway.consensus..");

    /** What the core must not touch: transports, databases, hardware, and our own adapters. */
    static final List<String> FORBIDDEN = List.of(
            "org.eclipse.paho..",
            "java.sql..",
            "org.sqlite..",
            "com.pi4j..",
            "com.hivemq..",
            "picocli..",
            "org.ebc.gateway.storage..",
            "org.ebc.gateway.ingress..",
            "org.ebc.gateway.broker..",
            "org.ebc.gateway.cli..",
            "org.ebc.gateway.bench..",
            "org.ebc.gateway.ledger..",
            "org.ebc.hardware..");

    static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ebc.gateway");

    @Test
    void theCoreImportsNoTransportDatabaseHardwareOrAdapter() {
        noClasses()
                .that()
                .resideInAnyPackage(CORE.toArray(String[]::new))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FORBIDDEN.toArray(String[]::new))
                .because(
                        "DESIGN §7 keeps market, settlement, payment, credit, chain and consensus pure; adapters sit at the edges")
                .check(GATEWAY);
    }
}
