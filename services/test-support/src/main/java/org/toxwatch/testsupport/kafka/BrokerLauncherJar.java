package org.toxwatch.testsupport.kafka;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code deploy/local/kafka-broker/target/kafka-broker.jar}, the launcher that {@link KafkaBrokerProcess} runs. */
final class BrokerLauncherJar {

    /** Set by the root pom's surefire configuration for every module. */
    static final String JAR_PROPERTY = "toxwatch.broker.jar";
    static final String RELATIVE_PATH_TEXT = "deploy/local/kafka-broker/target/kafka-broker.jar";
    static final Path RELATIVE_PATH = Path.of(RELATIVE_PATH_TEXT);
    static final String HOW_TO_BUILD = "build it with mvn -pl deploy/local/kafka-broker package";

    private BrokerLauncherJar() {
    }

    static Path locate() {
        return locate(System.getProperty(JAR_PROPERTY), Path.of("").toAbsolutePath());
    }

    /**
     * The configured jar if it exists, else the first {@value #RELATIVE_PATH_TEXT} found walking up from
     * {@code workingDir}. The fallback matters: the root pom derives the property from Maven's
     * {@code maven.multiModuleProjectDirectory}, which is the module itself when Maven runs inside a module directory.
     *
     * @param configured the value of {@value #JAR_PROPERTY}, or null
     * @param workingDir where to start walking up towards the project root
     */
    static Path locate(String configured, Path workingDir) {
        boolean isConfigured = configured != null && !configured.isBlank();
        if (isConfigured && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(RELATIVE_PATH);
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("Kafka broker launcher not found: "
                + (isConfigured ? "not at " + Path.of(configured).toAbsolutePath() + " (-D" + JAR_PROPERTY + "), " : "")
                + "not as " + RELATIVE_PATH_TEXT + " in " + workingDir.toAbsolutePath() + " or any parent directory; "
                + HOW_TO_BUILD);
    }
}
