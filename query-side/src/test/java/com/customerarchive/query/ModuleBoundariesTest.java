package com.customerarchive.query;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ModuleBoundariesTest {

    private final JavaClasses querySide = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.customerarchive.query");

    @Test
    void query_side_does_not_depend_on_command_side() {
        noClasses().that().resideInAPackage("com.customerarchive.query..")
                .should().dependOnClassesThat().resideInAPackage("com.customerarchive.command..")
                .check(querySide);
    }

    @Test
    void query_side_never_appends_to_the_event_store() {
        noClasses().that().resideInAPackage("com.customerarchive.query..")
                .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching("publish|appendEvents")))
                .because("only command-side appends to the event store")
                .check(querySide);
    }

    @Test
    void controllers_map_http_and_leave_sql_to_repositories() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .because("SQL lives in repositories with bound parameters; a controller only maps HTTP")
                .check(querySide);
    }

    @Test
    void no_package_depends_on_itself_through_others() {
        slices().matching("com.customerarchive.(**)").should().beFreeOfCycles()
                .because("what every package uses lives in query.core, beneath them all")
                .check(querySide);
    }
}
