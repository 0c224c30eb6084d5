package org.toxwatch.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The SASL_SSL listener's TLS material, made fresh at every start: one self-signed certificate for 127.0.0.1 and
 * localhost that is its own CA, so clients trust it the way they trust a cluster CA (Strimzi's {@code ca.crt} /
 * {@code ca.p12}). Only the JDK is used: {@code keytool} makes the key pair and certificate, the KeyStore API the
 * truststore.
 */
final class BrokerCertificate {

    static final String ALIAS = "toxwatch-local-kafka";
    private static final String PASSWORD_VARIABLE = "TOXWATCH_KEYTOOL_STORE_PASSWORD";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private BrokerCertificate() {
    }

    /** Writes the broker keystore, the client truststore and the PEM certificate named by {@code listener}. */
    static void create(SaslSslListener listener) throws IOException, InterruptedException {
        Files.createDirectories(listener.tlsDir());
        for (Path old : List.of(listener.keystore(), listener.truststore(), listener.caCertificate())) {
            Files.deleteIfExists(old);
        }
        generateKeyPair(listener);
        X509Certificate certificate = certificateOf(listener);
        writeTruststore(listener, certificate);
        writePem(listener.caCertificate(), certificate);
    }

    private static void generateKeyPair(SaslSslListener listener) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IllegalStateException("the SASL_SSL listener needs a JDK with keytool; not found at " + keytool);
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(keytool.toString(),
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
                "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=ToxWatch local Kafka broker",
                // a CA of its own, valid for the addresses the listener advertises (clients check the name)
                "-ext", "bc:c", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-validity", "30",
                "-storetype", "PKCS12", "-keystore", listener.keystore().toString(),
                // read from the environment, never from a command line other processes can see
                "-storepass:env", PASSWORD_VARIABLE))
                .redirectErrorStream(true);
        builder.environment().put(PASSWORD_VARIABLE, listener.storePassword());
        Process keytoolRun = builder.start();
        String output;
        try (InputStream out = keytoolRun.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!keytoolRun.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            keytoolRun.destroyForcibly();
            throw new IllegalStateException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
        }
        if (keytoolRun.exitValue() != 0) {
            throw new IllegalStateException("keytool failed with exit code " + keytoolRun.exitValue() + ": " + output.strip());
        }
    }

    private static X509Certificate certificateOf(SaslSslListener listener) throws IOException {
        try (InputStream in = Files.newInputStream(listener.keystore())) {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(in, listener.storePassword().toCharArray());
            Certificate certificate = keystore.getCertificate(ALIAS);
            if (!(certificate instanceof X509Certificate x509)) {
                throw new IllegalStateException("keytool wrote no X.509 certificate to " + listener.keystore());
            }
            return x509;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + listener.keystore(), e);
        }
    }

    private static void writeTruststore(SaslSslListener listener, X509Certificate certificate) throws IOException {
        try (OutputStream out = Files.newOutputStream(listener.truststore())) {
            KeyStore truststore = KeyStore.getInstance("PKCS12");
            truststore.load(null, null);
            truststore.setCertificateEntry(ALIAS, certificate);
            truststore.store(out, listener.storePassword().toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + listener.truststore(), e);
        }
    }

    private static void writePem(Path file, X509Certificate certificate) throws IOException {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n",
                    StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the broker certificate", e);
        }
    }
}
