package org.toxwatch.advisor.config;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.toxwatch.regimens.RegimenCatalog;

import io.quarkus.runtime.StartupEvent;

/** The regimen rule catalog, loaded and validated when the service starts: a broken rule file stops it. */
public class RuleCatalog {

    private static final Logger LOG = Logger.getLogger(RuleCatalog.class);

    @Produces
    @Singleton
    RegimenCatalog catalog() {
        return RegimenCatalog.standard();
    }

    void loadAtStartup(@Observes StartupEvent start, RegimenCatalog catalog) {
        LOG.infof("regimen rule catalog loaded: %s", catalog);
    }
}
