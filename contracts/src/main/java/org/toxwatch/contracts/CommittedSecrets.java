package org.toxwatch.contracts;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credentials written into the services' configuration: a property whose name says password, secret, token or
 * key must take its value from the environment ({@code ${NAME}}, or {@code ${NAME:}} when it may be absent), never
 * from the file, defaults included ({@code ${DB_PASSWORD:toxwatch}} is a committed password). Only the {@code %test}
 * and {@code %dev} profiles may keep local values, since they never run in a hospital.
 */
public final class CommittedSecrets {

    private static final Pattern CREDENTIAL_NAME = Pattern.compile("password|secret|token|key", Pattern.CASE_INSENSITIVE);
    /**
     * Names that contain "key" or "token" without holding a credential: Kafka's record-key (de)serializer class, and
     * settings that choose an algorithm or a file type.
     */
    private static final Pattern NOT_A_CREDENTIAL = Pattern.compile(
            "(^|\\.)key\\.(de)?serializer$|[.-]algorithm$|[.-]type$", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROFILED = Pattern.compile("^%([^.]+)\\.(.+)$");
    private static final Set<String> LOCAL_PROFILES = Set.of("dev", "test");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^{}:]+)(?::([^{}]*))?}");

    private final List<String> problems = new ArrayList<>();

    private CommittedSecrets(Map<String, String> propertiesByService) {
        propertiesByService.forEach(this::check);
    }

    /** Reads every {@code services/*}/src/main/resources/application.properties under the project directory. */
    public static CommittedSecrets scan(Path projectDir) {
        return new CommittedSecrets(ServiceConfigs.read(projectDir));
    }

    /** From application.properties texts keyed by service name. */
    public static CommittedSecrets ofProperties(Map<String, String> propertiesByService) {
        return new CommittedSecrets(propertiesByService);
    }

    /** One line per property that holds a literal credential; empty when there is none. Values are not repeated. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void check(String service, String text) {
        Properties properties = new Properties();
        try (Reader reader = new StringReader(text)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String name = key;
            Matcher profiled = PROFILED.matcher(key);
            if (profiled.matches()) {
                if (LOCAL_PROFILES.containsAll(List.of(profiled.group(1).split(",")))) {
                    continue;
                }
                name = profiled.group(2);
            }
            if (CREDENTIAL_NAME.matcher(name).find() && !NOT_A_CREDENTIAL.matcher(name).find()) {
                literalPart(properties.getProperty(key)).ifPresent(what -> problems.add(service + ": " + key
                        + " has " + what + "; take it from the environment with no default (${NAME}, or ${NAME:} when"
                        + " it may be empty); only %dev and %test may keep local values"));
            }
        }
    }

    /** What in the value is written in the file rather than read from the environment, if anything. */
    private static Optional<String> literalPart(String value) {
        String rest = value.strip();
        // innermost expressions first, so ${A:${B}} is read as ${A:} once ${B} is taken out
        for (Matcher m = EXPRESSION.matcher(rest); m.find(); m = EXPRESSION.matcher(rest)) {
            if (m.group(2) != null && !m.group(2).isBlank()) {
                return Optional.of("a literal default for ${" + m.group(1).strip() + "}");
            }
            rest = rest.substring(0, m.start()) + rest.substring(m.end());
        }
        return rest.isBlank() ? Optional.empty() : Optional.of("a literal value");
    }
}
