package org.toxwatch.advisor.config;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.toxwatch.regimens.RegimenCatalog;
import org.toxwatch.regimens.monitoring.CourseMonitor;

import io.quarkus.runtime.StartupEvent;

/** The regimen rule catalog, loaded and validated when the service starts: a broken rule file stops it. */
public class RuleCatalog {

    private static final Logger LOG = Logger.getLogger(RuleCatalog.class);

    /** A site's own rules (e.g. stricter pre-cycle minimums) in their own versioned file; none when not set. */
    @ConfigProperty(name = "toxwatch.regimens.institution-overrides")
    Optional<Path> institutionOverrides;

    @Produces
    @Singleton
    RegimenCatalog catalog() {
        RegimenCatalog catalog = RegimenCatalog.standard();
        return institutionOverrides.map(catalog::withOverrides).orElse(catalog);
    }

    /** Follows each course through its findings with this catalog: the same monitor the what-if replay runs. */
    @Produces
    @Singleton
    CourseMonitor monitor(RegimenCatalog catalog) {
        return new CourseMonitor(catalog);
    }

    void loadAtStartup(@Observes StartupEvent start, RegimenCatalog catalog) {
        LOG.infof("regimen rule catalog loaded: %s%s", catalog,
                institutionOverrides.map(path -> " with institution overrides from " + path).orElse(""));
    }
}
