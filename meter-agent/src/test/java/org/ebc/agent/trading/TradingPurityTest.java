package org.ebc.agent.trading;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The agent's trading is pure core (DESIGN §7): it decides, signs and keeps state through its ports, and never
 * touches MQTT, JDBC, Pi4J, the command line or the agent's adapter packages itself.
 */
class TradingPurityTest {
    @Test
    void theTradingCoreImportsNoTransportDatabaseHardwareOrAdapter() {
        noClasses()
                .that()
                .resideInAPackage("org.ebc.agent.trading..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.eclipse.paho..",
                        "java.sql..",
                        "org.sqlite..",
                        "com.pi4j..",
                        "picocli..",
                        "org.ebc.hardware..",
                        "org.ebc.agent.store..",
                        "org.ebc.agent.delivery..",
                        "org.ebc.agent.cli..",
                        "org.ebc.agent.status..",
                        "org.ebc.agent.bench..")
                .because("the trader talks to the world through TradeLedger and Outgoing only")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.ebc.agent.trading"));
    }
}
