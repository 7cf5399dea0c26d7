package io.harbormaster.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.harbormaster.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoUserInterface = noClasses().that().resideInAPackage("io.harbormaster.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
            .because("the same core runs headless on servers, where no JavaFX is installed");

    @ArchTest
    static final ArchRule coreKnowsNoEngineLibrary = noClasses().that().resideInAPackage("io.harbormaster.core..")
            .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..", "com.dylibso..")
            .because("executors are plugged in through the SPI; the core must run with none of them installed");

    @ArchTest
    static final ArchRule coreNeverReachesIntoExecutorsOrApp = noClasses().that().resideInAPackage("io.harbormaster.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.harbormaster.executors..", "io.harbormaster.app..")
            .because("executors and the app depend on the core, never the other way round");

    @ArchTest
    static final ArchRule domainKnowsNoStorageOrTransport = noClasses().that()
            .resideInAnyPackage("io.harbormaster.core.execution..", "io.harbormaster.core.spec..",
                    "io.harbormaster.core.executor..")
            .should().dependOnClassesThat().resideInAnyPackage("org.mapdb..", "com.sun.net.httpserver..", "picocli..")
            .because("the domain and the SPI must not change when the store or the API does");
}
