package org.toxwatch.localkafka;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The optional second client listener: SASL_SSL with SCRAM-SHA-512, as a production cluster (Strimzi's
 * {@code authentication: scram-sha-512} listener) serves it. The broker's TLS certificate is generated at every start
 * into {@code tlsDir}; clients trust {@link #truststore()} (PKCS12, protected by {@code storePassword}) or the same
 * certificate as PEM in {@link #caCertificate()}.
 *
 * @param port          port of the SASL_SSL listener; 0 until {@link BrokerSettings#forPort} has picked a free one
 * @param user          the SCRAM user the broker creates at start
 * @param password      that user's password
 * @param tlsDir        where the keystore, the truststore and the PEM certificate are written
 * @param storePassword password of the broker keystore and the client truststore
 */
record SaslSslListener(int port, String user, String password, Path tlsDir, String storePassword) {

    static final String LISTENER_NAME = "SASL_SSL";
    static final String MECHANISM = "SCRAM-SHA-512";
    /** keytool refuses PKCS12 passwords shorter than this. */
    static final int MIN_STORE_PASSWORD_LENGTH = 6;

    SaslSslListener {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("SASL_SSL port must be between 0 and 65535, got " + port);
        }
        Objects.requireNonNull(user, "user");
        if (!user.matches("[A-Za-z0-9._-]{1,64}")) {
            // the name goes into a JAAS line and a SCRAM credential unquoted
            throw new IllegalArgumentException("SCRAM user must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the SCRAM password must not be empty");
        }
        if (storePassword == null || storePassword.length() < MIN_STORE_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the keystore password needs at least " + MIN_STORE_PASSWORD_LENGTH
                    + " characters");
        }
        tlsDir = tlsDir.toAbsolutePath();
    }

    Path keystore() {
        return tlsDir.resolve("broker-keystore.p12");
    }

    Path truststore() {
        return tlsDir.resolve("truststore.p12");
    }

    Path caCertificate() {
        return tlsDir.resolve("ca.crt");
    }

    /**
     * What a Kafka client of this listener sets, logging in as {@link #user()} with {@code password}: the settings a
     * ToxWatch service takes from its KAFKA_* environment variables.
     */
    Map<String, Object> clientSettings(String password) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", BrokerSettings.HOST + ":" + port);
        config.put("security.protocol", LISTENER_NAME);
        config.put("sasl.mechanism", MECHANISM);
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.location", truststore().toString());
        config.put("ssl.truststore.password", storePassword);
        return config;
    }

    /** The same listener on the port picked for it. */
    SaslSslListener onPort(int otherPort) {
        return new SaslSslListener(otherPort, user, password, tlsDir, storePassword);
    }

    /** Without the passwords: this ends up in logs and assertion messages. */
    @Override
    public String toString() {
        return "SASL_SSL listener on port " + port + " for SCRAM user " + user + ", TLS files in " + tlsDir;
    }
}
