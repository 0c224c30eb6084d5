package org.toxwatch.grader.grading;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.toxwatch.ctcae.grading.CtcaeGrader;

import io.quarkus.runtime.Startup;

/** The CTCAE criteria this grader serves, loaded and validated at startup so a broken criteria file stops the service. */
@Startup
@ApplicationScoped
public class CtcaeVersions {

    private final Map<String, CtcaeGrader> graders;

    /** @param versions the versions to serve; all the engine ships when not set */
    public CtcaeVersions(@ConfigProperty(name = "toxwatch.ctcae.versions") Optional<List<String>> versions) {
        this.graders = versions.orElseGet(CtcaeGrader::knownVersions).stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), CtcaeGrader::forVersion));
    }

    public boolean supports(String version) {
        return graders.containsKey(version);
    }

    public List<String> known() {
        return graders.keySet().stream().sorted().toList();
    }

    public CtcaeGrader grader(String version) {
        CtcaeGrader grader = graders.get(version);
        if (grader == null) {
            throw new IllegalArgumentException("CTCAE version " + version + " is not available; known: " + known());
        }
        return grader;
    }
}
