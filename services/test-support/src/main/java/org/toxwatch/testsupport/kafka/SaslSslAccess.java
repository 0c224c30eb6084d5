package org.toxwatch.testsupport.kafka;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How to reach a {@link KafkaBrokerProcess} over its SASL_SSL listener with SCRAM-SHA-512: as a plain Kafka client
 * ({@link #clientProperties()}) or as a packaged ToxWatch service, through the environment variables it reads its
 * Kafka client security from ({@link #serviceEnvironment()}, README "Kafka security").
 *
 * @param bootstrapServers   {@code 127.0.0.1:<port>} of the SASL_SSL listener
 * @param user               the SCRAM user
 * @param password           its password
 * @param truststore         PKCS12 truststore holding the broker's self-signed CA certificate
 * @param truststorePassword the truststore's password
 * @param caCertificate      the same certificate as PEM (what Strimzi's cluster CA secret calls {@code ca.crt})
 */
public record SaslSslAccess(String bootstrapServers, String user, String password, Path truststore,
        String truststorePassword, Path caCertificate) {

    public static final String SECURITY_PROTOCOL = "SASL_SSL";
    public static final String MECHANISM = "SCRAM-SHA-512";

    /** The same access with another password, e.g. a wrong one to see it refused. */
    public SaslSslAccess withPassword(String otherPassword) {
        return new SaslSslAccess(bootstrapServers, user, otherPassword, truststore, truststorePassword, caCertificate);
    }

    /** Settings for a Kafka producer, consumer or admin client. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("security.protocol", SECURITY_PROTOCOL);
        properties.put("sasl.mechanism", MECHANISM);
        properties.put("sasl.jaas.config", jaasConfig());
        properties.put("ssl.truststore.type", "PKCS12");
        properties.put("ssl.truststore.location", truststore.toString());
        properties.put("ssl.truststore.password", truststorePassword);
        return properties;
    }

    /** The variables a ToxWatch service takes its Kafka connection from, with the user and password given apart. */
    public Map<String, String> serviceEnvironment() {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "KAFKA_SECURITY_PROTOCOL", SECURITY_PROTOCOL,
                "KAFKA_SASL_MECHANISM", MECHANISM,
                "KAFKA_SASL_USERNAME", user,
                "KAFKA_SASL_PASSWORD", password,
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString(),
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", truststorePassword);
    }

    /** The JAAS line of the SCRAM login, as Strimzi's KafkaUser secret carries it under {@code sasl.jaas.config}. */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** Without the passwords: this ends up in logs and assertion messages. */
    @Override
    public String toString() {
        return "SASL_SSL (" + MECHANISM + ") on " + bootstrapServers + " as " + user + ", truststore " + truststore;
    }
}
