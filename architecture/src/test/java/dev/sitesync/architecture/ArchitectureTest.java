package dev.sitesync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** The rules every module's compiled production classes keep; a break fails the build with the offending lines. */
class ArchitectureTest {

    /** Frameworks and runtimes: Quarkus, CDI, JAX-RS, Vert.x, Mutiny, JBoss, MicroProfile, telemetry, persistence. */
    static final String[] FRAMEWORKS = {"io.quarkus..", "jakarta.enterprise..", "jakarta.inject..", "jakarta.ws..",
            "jakarta.persistence..", "jakarta.transaction..", "io.vertx..", "io.smallrye..", "org.jboss..",
            "org.eclipse.microprofile..", "io.opentelemetry..", "io.micrometer..", "org.hibernate..", "io.agroal.."};

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sitesync");
    }

    @Test
    void everyModulesClassesAreImported() {
        // a rule over nothing passes: the services' domain packages must be among the classes checked
        assertThat(production.stream().map(c -> c.getPackageName()).distinct())
                .contains("dev.sitesync.worker.domain", "dev.sitesync.ownership.domain", "dev.sitesync.identity.domain",
                        "dev.sitesync.gateway.domain", "dev.sitesync.guard.domain", "dev.sitesync.console.domain",
                        "dev.sitesync.testsupport.postgres");
    }

    @Test
    void domainPackagesArePlainJava() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.sitesync..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("domain rules are unit-tested in milliseconds, without a framework (STYLE.md)");

        rule.check(production);
    }

    @Test
    void contractsHoldNoFrameworkCode() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.sitesync.contracts..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("what other modules and outside callers depend on has no logic and no framework");

        rule.check(production);
    }

    @Test
    void noProductionClassUsesTestSupport() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.sitesync.testsupport..")
                .should().dependOnClassesThat().resideInAPackage("dev.sitesync.testsupport..")
                .because("test-support is for tests; what the launcher and benchmarks need lives in stack-support");

        rule.check(production);
    }
}
