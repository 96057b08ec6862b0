package io.channelshift.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * workflows/ holds deterministic workflow code and plain payloads: no Spring, no JDBC, no HTTP, no
 * threads.
 */
class WorkflowsArchitectureTest {

  private final JavaClasses workflows =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.channelshift");

  @Test
  void noSpringJdbcOrHttp() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "java.sql..",
            "javax.sql..",
            "java.net.http..",
            "jakarta.servlet..",
            "org.apache.http..",
            "okhttp3..")
        .because(
            "workflow code must stay deterministic and free of infrastructure (docs/architecture.md)")
        .check(workflows);
  }

  @Test
  void noThreadsClocksOrRandomness() {
    noClasses()
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(Thread.class, "sleep", long.class)
        .orShould()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(java.util.UUID.class, "randomUUID")
        .orShould()
        .callConstructor(java.util.Random.class)
        .orShould()
        .callConstructor(Thread.class, Runnable.class)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("java.util.concurrent..")
        .because(
            "workflow code must use Workflow.currentTimeMillis, Workflow.sleep, Workflow.newRandom (docs/architecture.md)")
        .check(workflows);
  }
}
