package io.channelshift.starter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The REST side talks to Temporal, the store and the channels' adapters (callbacks are verified
 * before any workflow sees them), never to activity code, and it does not know the worker or the
 * app. Its own classes only (this module's output), so that a dependency on activities/ added to
 * the pom and used fails here.
 */
class StarterLayeringTest {

  private final JavaClasses starter =
      new ClassFileImporter()
          .importUrl(StarterApplication.class.getProtectionDomain().getCodeSource().getLocation());

  @Test
  void dependsOnNoActivityCode() {
    noClasses()
        .that()
        .resideInAPackage("io.channelshift.starter..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.channelshift.activities..")
        .because("activities run in the worker, on a workflow's behalf (README, Layout)")
        .check(starter);
  }

  @Test
  void dependsOnNeitherTheWorkerNorTheApp() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.channelshift.worker..", "io.channelshift.app..")
        .because("the app puts the starter and the worker together, not the starter")
        .check(starter);
  }
}
