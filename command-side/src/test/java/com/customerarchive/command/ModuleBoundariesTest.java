package com.customerarchive.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ModuleBoundariesTest {

    private final JavaClasses commandSide = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.customerarchive.command");

    @Test
    void command_side_does_not_depend_on_query_side() {
        noClasses().that().resideInAPackage("com.customerarchive.command..")
                .should().dependOnClassesThat().resideInAPackage("com.customerarchive.query..")
                .check(commandSide);
    }

    @Test
    void the_aggregate_reads_no_wall_clock_and_makes_no_random_ids() {
        noClasses().that().resideInAPackage("com.customerarchive.command.customer..")
                .and().haveSimpleNameNotEndingWith("Controller")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .check(commandSide);
    }

    @Test
    void controllers_map_http_and_leave_sql_to_repositories() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .because("SQL lives in repositories with bound parameters; a controller only maps HTTP")
                .check(commandSide);
    }

    @Test
    void no_package_depends_on_itself_through_others() {
        slices().matching("com.customerarchive.(**)").should().beFreeOfCycles()
                .because("the aggregate and its commands know no HTTP: the controllers and web support depend on them")
                .check(commandSide);
    }
}
