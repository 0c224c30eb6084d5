package org.toxwatch.testsupport.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KafkaBrokerTestResourceTest {

    private String propertyBefore;

    @BeforeEach
    void forgetAnyBrokerNamedForThisRun() {
        // CI may name a shared broker for the service tests; these tests decide for themselves.
        propertyBefore = System.clearProperty(KafkaBrokerTestResource.BOOTSTRAP_PROPERTY);
    }

    @AfterEach
    void restoreTheBrokerNamedForThisRun() {
        if (propertyBefore == null) {
            System.clearProperty(KafkaBrokerTestResource.BOOTSTRAP_PROPERTY);
        } else {
            System.setProperty(KafkaBrokerTestResource.BOOTSTRAP_PROPERTY, propertyBefore);
        }
    }

    @Test
    void startsABrokerWithItsTopicsLendsItOutAndStopsIt() throws Exception {
        KafkaBrokerTestResource owner = new KafkaBrokerTestResource(Map.of());
        owner.init(Map.of(KafkaBrokerTestResource.TOPICS_ARG, " lab.observations.fhir.v1, dose.alerts.v1 ,"));
        Map<String, String> config = owner.start();
        KafkaBrokerProcess broker = owner.startedBroker().orElseThrow();
        try {
            String bootstrap = config.get("kafka.bootstrap.servers");
            assertEquals(Map.of("kafka.bootstrap.servers", broker.bootstrapServers()), config);
            assertTrue(topics(bootstrap).containsAll(Set.of("lab.observations.fhir.v1", "dose.alerts.v1")));

            KafkaBrokerTestResource borrower = new KafkaBrokerTestResource(Map.of(KafkaBrokerTestResource.BOOTSTRAP_ENV, bootstrap));
            borrower.init(Map.of(KafkaBrokerTestResource.TOPICS_ARG, "ae.graded.v1"));
            assertEquals(config, borrower.start());
            assertTrue(borrower.startedBroker().isEmpty(), "a running broker is reused, not started again");
            borrower.stop();

            assertTrue(broker.isAlive(), "stopping a borrower must not stop the broker it borrowed");
            assertTrue(topics(bootstrap).contains("ae.graded.v1"), "the borrower's topics are created on the borrowed broker");
        } finally {
            owner.stop();
        }
        assertFalse(broker.isAlive());
        assertEquals(0, broker.exitCode());
        int port = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().indexOf(':') + 1));
        try (ServerSocket reclaimed = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, reclaimed.getLocalPort(), "the broker's port is free again");
        }
    }

    @Test
    void theSystemPropertyNamesTheBrokerBeforeTheEnvironment() {
        System.setProperty(KafkaBrokerTestResource.BOOTSTRAP_PROPERTY, "127.0.0.1:19092");
        KafkaBrokerTestResource resource = new KafkaBrokerTestResource(
                Map.of(KafkaBrokerTestResource.BOOTSTRAP_ENV, "127.0.0.1:29092"));
        resource.init(Map.of());

        assertEquals(Map.of("kafka.bootstrap.servers", "127.0.0.1:19092"), resource.start());
        assertTrue(resource.startedBroker().isEmpty());
        resource.stop();
    }

    @Test
    void theEnvironmentNamesTheBrokerWhenNoPropertyIsSet() {
        KafkaBrokerTestResource resource = new KafkaBrokerTestResource(
                Map.of(KafkaBrokerTestResource.BOOTSTRAP_ENV, " 127.0.0.1:29092 "));
        resource.init(Map.of());

        assertEquals(Map.of("kafka.bootstrap.servers", "127.0.0.1:29092"), resource.start());
        assertTrue(resource.startedBroker().isEmpty());
    }

    private static Set<String> topics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }
}
