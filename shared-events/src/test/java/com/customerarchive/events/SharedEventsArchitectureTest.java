package com.customerarchive.events;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedEventsArchitectureTest {

    private final JavaClasses events = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.customerarchive");

    @Test
    void the_published_language_depends_only_on_the_jdk_jackson_annotations_and_axon_revision() {
        classes().that().resideInAPackage("com.customerarchive.events")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..",
                        "com.customerarchive.events..",
                        "com.fasterxml.jackson.annotation..",
                        "org.axonframework.serialization..")
                .check(events);
    }

    @Test
    void the_privacy_support_needs_only_the_jdk_jackson_and_axon_serialization() {
        classes().that().resideInAPackage("com.customerarchive.events.privacy..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..",
                        "javax.crypto..",
                        "javax.sql..",
                        "com.customerarchive.events..",
                        "com.fasterxml.jackson..",
                        "org.axonframework.serialization..")
                .check(events);
    }

    @Test
    void the_published_language_holds_nothing_of_either_side() {
        classes().should().resideInAPackage("com.customerarchive.events..").check(events);
    }

    @Test
    void no_package_depends_on_itself_through_others() {
        slices().matching("com.customerarchive.(**)").should().beFreeOfCycles()
                .because("the published language (events, @PersonalData) is beneath the card's paths and the privacy "
                        + "support, and the card's paths beneath privacy")
                .check(events);
    }

    @Test
    void no_spring_boot_reaches_the_classpath_of_shared_events() {
        assertThatThrownBy(() -> Class.forName("org.springframework.boot.SpringApplication"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.springframework.context.ApplicationContext"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
