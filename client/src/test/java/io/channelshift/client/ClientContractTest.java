package io.channelshift.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What keeps the client usable by a platform: it knows the server's states and needs nothing of
 * ours.
 */
class ClientContractTest {

  @Test
  void knowsEveryPaymentStateTheServerHas() {
    assertThat(Arrays.stream(PaymentStatus.values()).map(Enum::name))
        .containsAll(
            Arrays.stream(io.channelshift.payment.PaymentStatus.values()).map(Enum::name).toList());
  }

  @Test
  void knowsEveryRefundStateTheServerHas() {
    assertThat(Arrays.stream(RefundStatus.values()).map(Enum::name))
        .containsAll(
            Arrays.stream(io.channelshift.payment.RefundStatus.values()).map(Enum::name).toList());
  }

  @Test
  void dependsOnTheJdkJacksonAndResilience4jOnly() {
    JavaClasses client =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.channelshift.client");

    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax.crypto..",
            "com.fasterxml.jackson..",
            "io.github.resilience4j..",
            "io.channelshift.client..")
        .check(client);
  }
}
