package io.zerowaste.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module layering of docs/ARCHITECTURE.md, checked on the compiled classes: core ← nn ← {exits,
 * continual, glimpse} ← {serve, spark, lifecycle} ← cli and report ← core (lifecycle: the one place exits and continual
 * meet); the pillars never meet otherwise; DJL stays out of core, report and cli; Spark stays out of everything but the
 * spark module. It lives in the cli module because only cli sees every module (the spark module as a test dependency
 * only, so the plain CLI carries no Spark jars).
 */
@AnalyzeClasses(packages = "io.zerowaste", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String CORE = "io.zerowaste.core..";
    private static final String NN = "io.zerowaste.nn..";
    private static final String EXITS = "io.zerowaste.exits..";
    private static final String CONTINUAL = "io.zerowaste.continual..";
    private static final String GLIMPSE = "io.zerowaste.glimpse..";
    private static final String REPORT = "io.zerowaste.report..";
    private static final String SERVE = "io.zerowaste.serve..";
    private static final String SPARK = "io.zerowaste.spark..";
    private static final String LIFECYCLE = "io.zerowaste.lifecycle..";
    private static final String CLI = "io.zerowaste.cli..";
    private static final String DJL = "ai.djl..";

    @ArchTest
    static final ArchRule nothingImportsUpwards = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("core").definedBy(CORE)
            .layer("nn").definedBy(NN)
            .layer("exits").definedBy(EXITS)
            .layer("continual").definedBy(CONTINUAL)
            .layer("glimpse").definedBy(GLIMPSE)
            .layer("report").definedBy(REPORT)
            .layer("serve").definedBy(SERVE)
            .layer("spark").definedBy(SPARK)
            .layer("lifecycle").definedBy(LIFECYCLE)
            .layer("cli").definedBy(CLI)
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("serve").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("spark").mayNotBeAccessedByAnyLayer()
            .whereLayer("report").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("lifecycle").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("exits").mayOnlyBeAccessedByLayers("serve", "spark", "lifecycle", "cli")
            .whereLayer("continual").mayOnlyBeAccessedByLayers("lifecycle", "cli")
            .whereLayer("glimpse").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("nn").mayOnlyBeAccessedByLayers("exits", "continual", "glimpse", "serve", "spark", "lifecycle", "cli")
            .whereLayer("core").mayOnlyBeAccessedByLayers("nn", "exits", "continual", "glimpse", "report", "serve", "spark", "lifecycle", "cli");

    @ArchTest
    static final ArchRule exitsImportsNoOtherPillar = noClasses().that().resideInAPackage(EXITS)
            .should().dependOnClassesThat().resideInAnyPackage(CONTINUAL, GLIMPSE);

    @ArchTest
    static final ArchRule continualImportsNoOtherPillar = noClasses().that().resideInAPackage(CONTINUAL)
            .should().dependOnClassesThat().resideInAnyPackage(EXITS, GLIMPSE);

    @ArchTest
    static final ArchRule glimpseImportsNoOtherPillar = noClasses().that().resideInAPackage(GLIMPSE)
            .should().dependOnClassesThat().resideInAnyPackage(EXITS, CONTINUAL);

    /** DESIGN §12: serve stays ignorant of how a version was made; lifecycle never reaches for the server. */
    @ArchTest
    static final ArchRule serveAndLifecycleDoNotMeet = noClasses().that().resideInAPackage(SERVE)
            .should().dependOnClassesThat().resideInAnyPackage(LIFECYCLE, CONTINUAL);

    @ArchTest
    static final ArchRule lifecycleImportsNoServerAndNoGlimpse = noClasses().that().resideInAPackage(LIFECYCLE)
            .should().dependOnClassesThat().resideInAnyPackage(SERVE, GLIMPSE);

    @ArchTest
    static final ArchRule coreAndReportKnowNoDjl = noClasses().that().resideInAnyPackage(CORE, REPORT)
            .should().dependOnClassesThat().resideInAPackage(DJL);

    @ArchTest
    static final ArchRule cliKnowsNoDjl = noClasses().that().resideInAPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage(DJL);

    @ArchTest
    static final ArchRule onlyTheSparkModuleKnowsSpark = noClasses().that().resideOutsideOfPackage(SPARK)
            .and().resideInAPackage("io.zerowaste..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.spark..");

    /**
     * picocli stays in the two command lines; the parts both share live below them: the exit options
     * (exits' ExitChoiceOptions) and the --precision reader (nn's PrecisionConverter).
     */
    @ArchTest
    static final ArchRule picocliOnlyInTheCommandLines = noClasses().that().resideInAPackage("io.zerowaste..")
            .and().resideOutsideOfPackages(CLI, "io.zerowaste.spark.cli..")
            .and().haveNameNotMatching("io\\.zerowaste\\.exits\\.app\\.ExitChoiceOptions(\\$.*)?")
            .and().doNotHaveFullyQualifiedName("io.zerowaste.nn.engine.PrecisionConverter")
            .should().dependOnClassesThat().resideInAPackage("picocli..");

    @ArchTest
    static final ArchRule theSparkModuleExists = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .that().haveFullyQualifiedName("io.zerowaste.spark.ZeroWasteSpark").should().bePublic();
}
