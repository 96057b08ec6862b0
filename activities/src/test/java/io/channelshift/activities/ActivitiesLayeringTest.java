package io.channelshift.activities;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.channelshift.activities.payment.PaymentActivitiesImpl;
import org.junit.jupiter.api.Test;

/**
 * activities/ holds the activity implementations and the policies they apply, in
 * io.channelshift.activities.* (so that no domain package is split between it and workflows/), and
 * no app depends the other way round. Its own classes only (this module's output).
 */
class ActivitiesLayeringTest {

  private final JavaClasses activities =
      new ClassFileImporter()
          .importUrl(
              PaymentActivitiesImpl.class.getProtectionDomain().getCodeSource().getLocation());

  @Test
  void holdsActivityCodeOnlyInItsOwnPackages() {
    classes()
        .should()
        .resideInAPackage("io.channelshift.activities..")
        .because("each module holds what its name says; a package lives in one module only")
        .check(activities);
  }

  @Test
  void dependsOnNoApp() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.channelshift.worker..", "io.channelshift.starter..", "io.channelshift.app..")
        .because("the worker runs the activities; nothing of theirs knows an app (README, Layout)")
        .check(activities);
  }
}
