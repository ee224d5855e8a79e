package dev.flyteinfra.tests;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of every module form a graph without cycles, as the one-way flow model → plan →
 * manifest → outputs asks: a package that needs another is never needed by it, directly or
 * through others.
 */
class PackageGraphTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.flyteinfra");

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    // The modules come as target/classes folders under `mvn test` and as jars under `mvn verify`: both are imported.
    assertThat(CLASSES.containPackage("dev.flyteinfra.core.model")).isTrue();
    slices().matching("dev.flyteinfra.(**)").should().beFreeOfCycles().check(CLASSES);
  }
}
