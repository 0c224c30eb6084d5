package org.toxwatch.testsupport.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerLauncherJarTest {

    @TempDir
    Path projectRoot;

    @Test
    void walksUpFromAModuleToTheProjectsLauncher() throws IOException {
        Path jar = placeLauncherUnder(projectRoot);
        Path module = Files.createDirectories(projectRoot.resolve("services/toxicity-grader"));

        assertEquals(jar, BrokerLauncherJar.locate(null, module));
    }

    @Test
    void takesTheConfiguredJarOverTheOneInTheTree() throws IOException {
        placeLauncherUnder(projectRoot);
        Path configured = Files.createFile(projectRoot.resolve("elsewhere.jar"));

        assertEquals(configured, BrokerLauncherJar.locate(configured.toString(), projectRoot));
    }

    @Test
    void aConfiguredJarThatIsMissingFallsBackToTheTree() throws IOException {
        // -f module/pom.xml or mvn run inside a module: the root pom's default then points below the module.
        Path jar = placeLauncherUnder(projectRoot);
        Path module = Files.createDirectories(projectRoot.resolve("services/dose-advisor"));
        Path wrong = module.resolve(BrokerLauncherJar.RELATIVE_PATH);

        assertEquals(jar, BrokerLauncherJar.locate(wrong.toString(), module));
    }

    @Test
    void saysWhereItLookedAndHowToBuildTheLauncherWhenThereIsNone() throws IOException {
        Path module = Files.createDirectories(projectRoot.resolve("services/lab-ingest"));
        Path missing = projectRoot.resolve("missing/kafka-broker.jar");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BrokerLauncherJar.locate(missing.toString(), module));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(module.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("build it with mvn -pl deploy/local/kafka-broker package"), e.getMessage());

        IllegalStateException unset = assertThrows(IllegalStateException.class, () -> BrokerLauncherJar.locate("", module));
        assertTrue(unset.getMessage().contains("build it with mvn -pl deploy/local/kafka-broker package"), unset.getMessage());
    }

    private static Path placeLauncherUnder(Path root) throws IOException {
        Path jar = root.resolve(BrokerLauncherJar.RELATIVE_PATH);
        Files.createDirectories(jar.getParent());
        return Files.createFile(jar);
    }
}
