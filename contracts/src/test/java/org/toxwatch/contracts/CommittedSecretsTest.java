package org.toxwatch.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No service configuration commits a credential; and the check itself, on small configurations written here. */
class CommittedSecretsTest {

    @Test
    void noServiceConfigurationHoldsAPasswordSecretTokenOrKeyOutsideTheLocalProfiles() {
        List<String> problems = CommittedSecrets.scan(TopicDrift.locateProjectDir()).problems();
        assertEquals(List.of(), problems, "credentials written into services/*/src/main/resources/application.properties:"
                + "\n  " + String.join("\n  ", problems));
    }

    @Test
    void aLiteralValueOrALiteralDefaultIsACommittedCredential() {
        List<String> problems = CommittedSecrets.ofProperties(Map.of("advisor", """
                quarkus.datasource.password=${DB_PASSWORD:toxwatch}
                toxwatch.api.secret=s3cr3t
                %prod.quarkus.datasource.password=prod-password
                %dev,prod.kafka.sasl.token=abc
                quarkus.oidc.credentials.client-secret=${OIDC_SECRET:${FALLBACK_SECRET:abc}}
                ssl.keystore.location=/etc/toxwatch/keystore.p12
                mp.jwt.verify.publickey=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA
                quarkus.datasource.PASSWORD=prefix-${DB_PASSWORD}
                """)).problems();

        for (String key : List.of("advisor: quarkus.datasource.password has a literal default for ${DB_PASSWORD}",
                "advisor: toxwatch.api.secret has a literal value",
                "advisor: %prod.quarkus.datasource.password has a literal value",
                "advisor: %dev,prod.kafka.sasl.token has a literal value",
                "advisor: quarkus.oidc.credentials.client-secret has a literal default for ${FALLBACK_SECRET}",
                "advisor: ssl.keystore.location has a literal value",
                "advisor: mp.jwt.verify.publickey has a literal value",
                "advisor: quarkus.datasource.PASSWORD has a literal value")) {
            assertEquals(1, problems.stream().filter(p -> p.startsWith(key)).count(), key + " in\n" + problems);
        }
        assertEquals(8, problems.size(), String.join("\n", problems));
        assertFalse(problems.stream().anyMatch(p -> p.contains("toxwatch}") || p.contains("s3cr3t")
                || p.contains("prod-password")), "the committed values are not repeated: " + problems);
    }

    @Test
    void theEnvironmentTheLocalProfilesAndNamesThatHoldNoCredentialPass() {
        List<String> problems = CommittedSecrets.ofProperties(Map.of("grader", """
                quarkus.datasource.password=${DB_PASSWORD}
                quarkus.datasource.reactive.password=${DB_PASSWORD:}
                toxwatch.api.secret = ${API_SECRET:${OLD_API_SECRET}}
                mp.jwt.verify.publickey.location=${TOXWATCH_JWT_PUBLIC_KEY}
                %test.mp.jwt.verify.publickey.location=set-by-the-test-key-resource
                %dev.quarkus.datasource.password=${DB_PASSWORD:toxwatch}
                %dev,test.kafka.sasl.token=local-only
                mp.jwt.verify.publickey.algorithm=RS256
                quarkus.http.ssl.certificate.key-store-file-type=PKCS12
                mp.messaging.incoming.labs.key.deserializer=org.apache.kafka.common.serialization.StringDeserializer
                mp.messaging.incoming.labs.dead-letter-queue.key.serializer=org.apache.kafka.common.serialization.StringSerializer
                quarkus.datasource.username=${DB_USER:toxwatch}
                quarkus.http.port=${HTTP_PORT:8082}
                """)).problems();

        assertEquals(List.of(), problems);
        assertTrue(CommittedSecrets.ofProperties(Map.of()).problems().isEmpty());
    }
}
