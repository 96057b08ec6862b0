package io.channelshift.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * What keeps the CLI a client of the REST API: it talks HTTP and JSON, and needs nothing of the
 * server.
 */
class CliContractTest {

  @Test
  void dependsOnTheJdkPicocliAndJacksonOnly() {
    JavaClasses cli =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.channelshift.cli");

    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "picocli..", "com.fasterxml.jackson..", "io.channelshift.cli..")
        .check(cli);
  }
}
