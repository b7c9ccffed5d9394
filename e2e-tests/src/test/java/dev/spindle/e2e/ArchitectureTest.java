package dev.spindle.e2e;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.spindle.Dataset;
import dev.spindle.testcluster.SpindleClusterExtension;
import dev.spindle.testcluster.SpindleClusterTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering of Spindle's packages, checked over the compiled production classes of every module (this
 * module's test classpath holds them all): no package cycles, a public API that knows nothing of the
 * engine, and no process or test code where it does not belong. A unit test: it reads class files and
 * starts nothing.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // core's test jar (its TCP relay, for the security tests) is tests too
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.spindle");

    /** What the public API and the SPI beneath it may use: the JDK, and Hadoop's configuration they hand out. */
    private static final String[] JDK_AND_HADOOP_CONF = {"java..", "org.apache.hadoop.conf"};

    @Test
    void everyModuleIsOnTheClasspath() {
        // Otherwise the rules below would pass by seeing too little.
        for (String name : List.of("dev.spindle.Dataset", "dev.spindle.hdfs.FileSplit", "dev.spindle.am.ApplicationMaster",
                "dev.spindle.executor.Executor", "dev.spindle.submit.SpindleSubmit",
                "dev.spindle.testcluster.EmbeddedCluster", "dev.spindle.examples.WordCount",
                "dev.spindle.bench.compare.CompareMain", "dev.spindle.testkit.SpindleJob")) {
            assertTrue(CLASSES.contain(name), name + " was not imported");
        }
    }

    @Test
    void noPackageCycles() {
        List<String> cycles = PackageCycles.find(CLASSES, "dev.spindle");
        assertTrue(cycles.isEmpty(), () -> "package cycles:\n" + String.join("\n", cycles));
    }

    @Test
    void thePublicApiDependsOnlyOnTheSpiFunctionsAndSettings() {
        // config: SpindleContext.conf() hands users the SpindleConf their job was submitted with.
        classes().that().resideInAPackage("dev.spindle")
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK_AND_HADOOP_CONF,
                        "dev.spindle", "dev.spindle.spi", "dev.spindle.function", "dev.spindle.config"))
                .check(CLASSES);
        classes().that().resideInAPackage("dev.spindle.spi")
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK_AND_HADOOP_CONF,
                        "dev.spindle.spi", "dev.spindle.function", "dev.spindle.config"))
                .check(CLASSES);
        classes().that().resideInAPackage("dev.spindle.function")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.spindle.function")
                .check(CLASSES);
    }

    @Test
    void thePublicApiShowsNoSpiTypesAndOnlyItsOwnDatasets() {
        List<String> leaks = new ArrayList<>();
        for (JavaClass c : CLASSES) {
            if (!c.getPackageName().equals("dev.spindle") || !c.getModifiers().contains(JavaModifier.PUBLIC)) {
                continue;
            }
            for (JavaCodeUnit m : c.getCodeUnits()) {
                if (visible(m.getModifiers())) {
                    List<JavaClass> types = new ArrayList<>(m.getRawParameterTypes());
                    types.add(m.getRawReturnType());
                    types.stream().filter(t -> t.getPackageName().equals("dev.spindle.spi"))
                            .forEach(t -> leaks.add(m.getFullName() + " shows " + t.getName()));
                }
            }
            for (JavaField f : c.getFields()) {
                if (visible(f.getModifiers()) && f.getRawType().getPackageName().equals("dev.spindle.spi")) {
                    leaks.add(f.getFullName() + " shows " + f.getRawType().getName());
                }
            }
        }
        assertTrue(leaks.isEmpty(), () -> "the public API shows engine types:\n" + String.join("\n", leaks));
        noClasses().that().resideOutsideOfPackage("dev.spindle").should().beAssignableTo(Dataset.class)
                .because("datasets come from a SpindleContext; their computation is the engine's lineage")
                .check(CLASSES);
    }

    @Test
    void coreKnowsNoProcessModuleAndHdfsInputNothingOfSpindle() {
        noClasses().that(inModule("core")).should().dependOnClassesThat().resideInAnyPackage(
                        "dev.spindle.am..", "dev.spindle.executor..", "dev.spindle.submit..", "dev.spindle.testcluster..")
                .because("the only code processes share is core's, and core is below all of them")
                .check(CLASSES);
        noClasses().that(inModule("hdfs-input")).should().dependOnClassesThat(
                        resideInAnyPackage("dev.spindle..").and(DescribedPredicate.not(resideInAnyPackage("dev.spindle.hdfs.."))))
                .because("hdfs-input is plain Hadoop I/O that knows nothing of the engine")
                .check(CLASSES);
    }

    @Test
    void noProductionCodeUsesJunitButTheTestClustersExtension() {
        // The two test-support modules are made for JUnit: the cluster extension and the timeout dumps.
        DescribedPredicate<JavaClass> junitSupport = belongToAnyOf(SpindleClusterExtension.class, SpindleClusterTest.class)
                .or(inModule("src-test-cluster-junit")).or(inModule("test-timeouts"));
        noClasses().that(DescribedPredicate.not(junitSupport))
                .should().dependOnClassesThat().resideInAPackage("org.junit..")
                .orShould().dependOnClassesThat(belongToAnyOf(SpindleClusterExtension.class, SpindleClusterTest.class))
                .because("JUnit is on no process's classpath; only the test-support modules are made for it")
                .check(CLASSES);
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Classes compiled in one module of this repository, told by where they were read from: the module's
     * {@code target/classes} in a reactor build, or its jar ({@code spindle-<module>}).
     */
    private static DescribedPredicate<JavaClass> inModule(String module) {
        return DescribedPredicate.describe("are in module " + module, c -> c.getSource()
                .map(s -> s.getUri().toString())
                .filter(uri -> uri.contains("/" + module + "/target/classes/") || uri.contains("/spindle-" + module + ".jar")
                        || uri.contains("/spindle-" + module + "-"))
                .isPresent());
    }
}
