package io.channelshift.starter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * The starter is packaged by feature: each feature's package holds its controller and what only it
 * uses, features do not reach into one another, and what they share lives in {@code web}
 * (problem+json, body limits, strict JSON, bounded waits) and {@code security}. The one arrow
 * between features: notify hands callbacks to payments.
 */
class StarterPackagesTest {

  private static final String ROOT = "io.channelshift.starter";
  private static final List<String> FEATURES =
      List.of(
          "payments",
          "migrations",
          "reconciliation",
          "notify",
          "channels",
          "scopes",
          "codec",
          "dev",
          "health",
          "console");

  private static final JavaClasses STARTER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  @Test
  void controllersArePackagePrivate() {
    classes()
        .that()
        .areAnnotatedWith(RestController.class)
        .should()
        .notHaveModifier(JavaModifier.PUBLIC)
        .check(STARTER);
  }

  @Test
  void featuresDoNotReachIntoOneAnother_butNotifyHandsCallbacksToPayments() {
    for (String feature : FEATURES) {
      String[] others =
          FEATURES.stream()
              .filter(
                  other ->
                      !other.equals(feature)
                          && !(feature.equals("notify") && other.equals("payments")))
              .map(other -> ROOT + "." + other + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage(ROOT + "." + feature + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .check(STARTER);
    }
  }

  @Test
  void whatEveryEndpointSharesKnowsNoFeature() {
    String[] features =
        FEATURES.stream().map(feature -> ROOT + "." + feature + "..").toArray(String[]::new);
    noClasses()
        .that()
        .resideInAnyPackage(ROOT + ".web..", ROOT + ".security..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(features)
        .check(STARTER);
  }
}
