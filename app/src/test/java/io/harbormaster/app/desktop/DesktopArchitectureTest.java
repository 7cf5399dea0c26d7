package io.harbormaster.app.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;

/** The desktop's layer rules, written down and checked. */
class DesktopArchitectureTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.harbormaster.app");

    @Test
    void viewModelsHoldNoControls() {
        classes().that().haveSimpleNameEndingWith("ViewModel")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("javafx.scene..", "javafx.stage..")
                .because("a ViewModel is tested without a window; its View binds it to controls")
                .check(APP);
    }

    @Test
    void onlyTheFxAdapterHandsWorkToTheFxThread() {
        noClasses().that().doNotHaveSimpleName("FxUiThread").and().resideOutsideOfPackage("..desktop.shell..")
                .should().callMethod(Platform.class, "runLater", Runnable.class)
                .because("logic reaches the FX thread through UiThread, so tests can run it on their own thread")
                .check(APP);
    }

    @Test
    void theAppUsesNoEngineLibraryDirectly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..", "com.dylibso..")
                .because("executors are loaded by ServiceLoader; the window speaks to them only through the node")
                .check(APP);
    }
}
