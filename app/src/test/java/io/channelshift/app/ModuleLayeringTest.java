package io.channelshift.app;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The modules as a whole, seen from the app, which has all of them on its class path: no package is
 * in two modules, and the arrows between modules point one way (docs/architecture.md, the module
 * map). A class's module is where it was loaded from: a module's target/classes in a reactor build,
 * its jar otherwise.
 */
class ModuleLayeringTest {

  /**
   * {@code .../<module>/target/classes/...} or {@code
   * .../channelshift-<module>-<version>.jar!/...}.
   */
  private static final Pattern MODULE =
      Pattern.compile("/([a-z]+)/target/classes/|/channelshift-([a-z]+)-[^/!]*\\.jar!");

  private static final ImportOption NO_TEST_JARS =
      (Location location) -> !location.contains("-tests.jar");

  private static final JavaClasses ALL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(NO_TEST_JARS)
          .importPackages("io.channelshift");

  @Test
  void noPackageIsInTwoModules() {
    Map<String, Set<String>> modulesByPackage = new TreeMap<>();
    for (JavaClass c : ALL) {
      modulesByPackage
          .computeIfAbsent(c.getPackageName(), p -> new TreeSet<>())
          .add(moduleOf(c).orElse("?"));
    }

    assertThat(modulesByPackage)
        .as("the modules of each package")
        .isNotEmpty()
        .allSatisfy((pkg, modules) -> assertThat(modules).as(pkg).hasSize(1).doesNotContain("?"));
    assertThat(modulesByPackage.values().stream().flatMap(Set::stream))
        .as("every module was seen")
        .contains(
            "client",
            "cli",
            "workflows",
            "sandbox",
            "channels",
            "store",
            "runtime",
            "activities",
            "worker",
            "starter",
            "app");
  }

  @Test
  void theArrowsBetweenModulesPointOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("client")
        .definedBy(in("client"))
        .layer("cli")
        .definedBy(in("cli"))
        .layer("workflows")
        .definedBy(in("workflows"))
        .layer("sandbox")
        .definedBy(in("sandbox"))
        .layer("channels")
        .definedBy(in("channels"))
        .layer("store")
        .definedBy(in("store"))
        .layer("runtime")
        .definedBy(in("runtime"))
        .layer("activities")
        .definedBy(in("activities"))
        .layer("worker")
        .definedBy(in("worker"))
        .layer("starter")
        .definedBy(in("starter"))
        .layer("app")
        .definedBy(in("app"))
        .whereLayer("client")
        .mayNotAccessAnyLayer()
        .whereLayer("cli")
        .mayNotAccessAnyLayer()
        .whereLayer("workflows")
        .mayNotAccessAnyLayer()
        .whereLayer("sandbox")
        .mayNotAccessAnyLayer()
        .whereLayer("channels")
        .mayOnlyAccessLayers("workflows", "client")
        .whereLayer("store")
        .mayOnlyAccessLayers("workflows")
        .whereLayer("runtime")
        .mayOnlyAccessLayers("workflows", "channels", "store")
        .whereLayer("activities")
        .mayOnlyAccessLayers("workflows", "client", "channels", "store", "runtime")
        .whereLayer("starter")
        .mayOnlyAccessLayers("workflows", "client", "channels", "store", "runtime")
        .whereLayer("worker")
        .mayOnlyAccessLayers("workflows", "client", "channels", "store", "runtime", "activities")
        .because(
            "the command line is a plain HTTP client of the REST API; workflows <- channels, store <- runtime <- activities <- worker; the starter never reaches activity"
                + " code; the app puts everything together")
        .check(ALL);
  }

  private static DescribedPredicate<JavaClass> in(String module) {
    return DescribedPredicate.describe(
        "in " + module + "/", c -> moduleOf(c).filter(module::equals).isPresent());
  }

  private static Optional<String> moduleOf(JavaClass c) {
    return c.getSource()
        .map(source -> source.getUri().toString())
        .flatMap(
            uri -> {
              Matcher m = MODULE.matcher(uri);
              return m.find()
                  ? Optional.of(m.group(1) != null ? m.group(1) : m.group(2))
                  : Optional.empty();
            });
  }
}
