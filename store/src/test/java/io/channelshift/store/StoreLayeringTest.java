package io.channelshift.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * store/ holds the PostgreSQL stores and the fees and leans only on the domain (workflows): not on
 * the channels, the runtime, activity code or an app, and of Spring only on JDBC and transactions,
 * never on a Spring context. Its own classes only (this module's output), so a dependency added to
 * the pom that turns an arrow round fails here.
 */
class StoreLayeringTest {

  private final JavaClasses store =
      new ClassFileImporter()
          .importUrl(PaymentStore.class.getProtectionDomain().getCodeSource().getLocation());

  @Test
  void holdsTheStoresAndFeesOnly() {
    classes()
        .should()
        .resideInAnyPackage("io.channelshift.store..", "io.channelshift.fees..")
        .because("each module holds what its name says; a package lives in one module only")
        .check(store);
  }

  @Test
  void dependsOnNoChannelRuntimeActivityOrApp() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.channelshift.provider..",
            "io.channelshift.http..",
            "io.channelshift.net..",
            "io.channelshift.config..",
            "io.channelshift.codec..",
            "io.channelshift.privacy..",
            "io.channelshift.activities..",
            "io.channelshift.worker..",
            "io.channelshift.starter..",
            "io.channelshift.app..")
        .because(
            "the store and the channels are siblings above the domain; runtime, activities and the apps sit"
                + " above them (README, Layout)")
        .check(store);
  }

  @Test
  void usesJdbcNotASpringContext() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework.boot..",
            "org.springframework.context..",
            "org.springframework.beans..")
        .because("the runtime makes the beans; a store is plain JDBC a test can build with new")
        .check(store);
  }
}
