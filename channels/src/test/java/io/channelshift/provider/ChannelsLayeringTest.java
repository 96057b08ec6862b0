package io.channelshift.provider;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * channels/ holds the channels and leans only on the domain (workflows) and the client's signature
 * scheme: not on the store, the runtime, activity code or an app, and not on Spring or JDBC. Its
 * own classes only (this module's output), so a dependency added to the pom that turns an arrow
 * round fails here.
 */
class ChannelsLayeringTest {

  private final JavaClasses channels =
      new ClassFileImporter()
          .importUrl(PaymentProvider.class.getProtectionDomain().getCodeSource().getLocation());

  @Test
  void holdsTheChannelsOnly() {
    classes()
        .should()
        .resideInAnyPackage(
            "io.channelshift.provider..", "io.channelshift.http..", "io.channelshift.net..")
        .because("each module holds what its name says; a package lives in one module only")
        .check(channels);
  }

  @Test
  void dependsOnNoStoreRuntimeActivityOrApp() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.channelshift.store..",
            "io.channelshift.fees..",
            "io.channelshift.config..",
            "io.channelshift.codec..",
            "io.channelshift.privacy..",
            "io.channelshift.activities..",
            "io.channelshift.worker..",
            "io.channelshift.starter..",
            "io.channelshift.app..")
        .because(
            "channels and the store are siblings above the domain; runtime, activities and the apps sit above"
                + " them (README, Layout)")
        .check(channels);
  }

  @Test
  void usesNoSpringAndNoDatabase() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
        .because(
            "an adapter talks to its channel; wiring is the runtime's, persistence the store's")
        .check(channels);
  }
}
