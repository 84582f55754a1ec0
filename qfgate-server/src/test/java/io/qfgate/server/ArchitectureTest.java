package io.qfgate.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The server's package arrows point inward. {@code domain} is the core and knows nothing else of
 * the server; {@code store}, {@code channel}, {@code notify}, {@code api} and {@code web} (the pages) each use the domain
 * (and the interfaces it defines) but never one another; {@code ops} wires them all together.
 * Plain ArchUnit in a Jupiter test, so that it runs under the project's JUnit.
 */
class ArchitectureTest {
    static final String SERVER = "io.qfgate.server";
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SERVER);

    @Test
    void theServersPackagesFormNoCycle() {
        slices().matching(SERVER + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void storeChannelNotifyApiAndWebUseTheDomainAndNotEachOtherAndOnlyOpsUsesThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("domain").definedBy(SERVER + ".domain..")
                .layer("store").definedBy(SERVER + ".store..")
                .layer("channel").definedBy(SERVER + ".channel..")
                .layer("notify").definedBy(SERVER + ".notify..")
                .layer("api").definedBy(SERVER + ".api..")
                .layer("web").definedBy(SERVER + ".web..")
                .layer("ops").definedBy(SERVER + ".ops..")
                .whereLayer("domain").mayNotAccessAnyLayer()
                .whereLayer("store").mayOnlyBeAccessedByLayers("ops")
                .whereLayer("channel").mayOnlyBeAccessedByLayers("ops")
                .whereLayer("notify").mayOnlyBeAccessedByLayers("ops")
                .whereLayer("api").mayOnlyBeAccessedByLayers("ops")
                .whereLayer("web").mayOnlyBeAccessedByLayers("ops")
                .whereLayer("ops").mayNotBeAccessedByAnyLayer()
                .check(MAIN);
    }

    @Test
    void theDomainKnowsNoHttpNoSqlAndNoAlipay() {
        noClasses().that().resideInAPackage(SERVER + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.javalin..", "org.eclipse.jetty..", "java.net.http..", "com.fasterxml.jackson..",
                        "java.sql..", "javax.sql..", "org.jdbi..", "org.flywaydb..", "com.zaxxer.hikari..",
                        "io.qfgate.protocol.alipay..", "io.qfgate.sandbox..")
                .check(MAIN);
    }

    @Test
    void onlyOpsMountsTheEmbeddedAlipaySandbox() {
        noClasses().that().resideOutsideOfPackages(SERVER + ".ops..", SERVER + ".store..")
                .should().dependOnClassesThat().resideInAPackage("io.qfgate.sandbox..")
                .check(MAIN);
    }

    /** The store keeps the embedded sandbox's books (its storage port), and touches nothing else of it. */
    @Test
    void theStoreKeepsTheSandboxsBooksAndNeverServesIt() {
        noClasses().that().resideInAPackage(SERVER + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.qfgate.sandbox.web..", "io.qfgate.sandbox.notify..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.qfgate.sandbox.AlipaySandbox")
                .check(MAIN);
    }
}
