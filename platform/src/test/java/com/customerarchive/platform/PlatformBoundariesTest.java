package com.customerarchive.platform;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** platform holds what both apps need alike and carries no model: it knows neither app nor the events. */
class PlatformBoundariesTest {

    private final JavaClasses platform = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.customerarchive.platform");

    @Test
    void platform_imports_no_model_class_of_either_app_nor_the_events() {
        noClasses().that().resideInAPackage("com.customerarchive.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("com.customerarchive.command..",
                        "com.customerarchive.query..", "com.customerarchive.events..")
                .check(platform);
    }

    @Test
    void platform_configures_libraries_and_brings_no_starter_of_its_own() {
        noClasses().that().resideInAPackage("com.customerarchive.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.modelling..",
                        "org.axonframework.commandhandling..", "org.axonframework.eventhandling..")
                .because("the write and read models stay in their apps")
                .check(platform);
    }

    @Test
    void no_package_depends_on_itself_through_others() {
        slices().matching("com.customerarchive.(**)").should().beFreeOfCycles().check(platform);
    }
}
