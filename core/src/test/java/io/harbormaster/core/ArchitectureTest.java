package io.harbormaster.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer rules of DESIGN.md, checked against the compiled core (plain JUnit, so every rule counts as a test). */
class ArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.harbormaster.core");
        assertThat(core).as("the core's classes were found").hasSizeGreaterThan(50);
    }

    @Test
    void coreHasNoUserInterface() {
        noClasses().that().resideInAPackage("io.harbormaster.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .because("the same core runs headless on servers, where no JavaFX is installed")
                .check(core);
    }

    @Test
    void coreKnowsNoEngineLibrary() {
        noClasses().that().resideInAPackage("io.harbormaster.core..")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..", "com.dylibso..")
                .because("executors are plugged in through the SPI; the core must run with none of them installed")
                .check(core);
    }

    @Test
    void coreNeverReachesIntoExecutorsOrApp() {
        noClasses().that().resideInAPackage("io.harbormaster.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.harbormaster.executors..", "io.harbormaster.app..")
                .because("executors and the app depend on the core, never the other way round")
                .check(core);
    }

    @Test
    void domainKnowsNoStorageOrTransport() {
        noClasses().that()
                .resideInAnyPackage("io.harbormaster.core.execution..", "io.harbormaster.core.spec..",
                        "io.harbormaster.core.executor..")
                .should().dependOnClassesThat().resideInAnyPackage("org.mapdb..", "com.sun.net.httpserver..", "picocli..",
                        "io.harbormaster.core.node..", "io.harbormaster.core.api..", "io.harbormaster.core.cli..")
                .because("the domain and the SPI must not change when the store, the node or the API does")
                .check(core);
    }

    @Test
    void theStoreDoesNotKnowTheNodeOrItsFrontEnds() {
        noClasses().that().resideInAPackage("io.harbormaster.core.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.harbormaster.core.node..",
                        "io.harbormaster.core.api..", "io.harbormaster.core.cli..")
                .because("the store is a layer below the node; front ends reach it only through the node")
                .check(core);
    }
}
