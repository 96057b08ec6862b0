package io.channelshift.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * runtime/ holds what the worker and the starter both run on (configuration, codec, masking, the
 * readiness probes of Temporal and PostgreSQL) and leans on the channels, the store and the domain,
 * never on activity code or an app: the starter depends on it and must not reach activity code
 * through it. Its own classes only (this module's output).
 */
class RuntimeLayeringTest {

  private final JavaClasses runtime =
      new ClassFileImporter()
          .importUrl(
              ChannelShiftConfiguration.class.getProtectionDomain().getCodeSource().getLocation());

  @Test
  void holdsConfigurationCodecAndMaskingOnly() {
    classes()
        .should()
        .resideInAnyPackage(
            "io.channelshift.config..",
            "io.channelshift.codec..",
            "io.channelshift.privacy..",
            "io.channelshift.probes..")
        .because("each module holds what its name says; a package lives in one module only")
        .check(runtime);
  }

  @Test
  void dependsOnNoActivityOrApp() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.channelshift.activities..",
            "io.channelshift.worker..",
            "io.channelshift.starter..",
            "io.channelshift.app..")
        .because("activities and the apps sit above the runtime (README, Layout)")
        .check(runtime);
  }
}
