package org.toxwatch.resilience.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

import io.vertx.pgclient.PgException;

class InfrastructureOutageTest {

    @Test
    void aRefusedConnectionDeepInsideWrappersIsAnOutage() {
        var failure = new IllegalStateException("HR000057: Failed to execute statement",
                new CompletionException(new ConnectException("Connection refused: /127.0.0.1:5432")));

        assertThat(InfrastructureOutage.isOutage(failure)).isTrue();
    }

    @Test
    void serverStatesThatMeanTryAgainLaterAreOutages() {
        assertThat(InfrastructureOutage.isOutage(pg("57P01"))).as("admin shutdown").isTrue();
        assertThat(InfrastructureOutage.isOutage(pg("57P03"))).as("the database system is starting up").isTrue();
        assertThat(InfrastructureOutage.isOutage(pg("08006"))).as("connection failure").isTrue();
        assertThat(InfrastructureOutage.isOutage(pg("53300"))).as("too many connections").isTrue();
        assertThat(InfrastructureOutage.isOutage(pg("40001"))).as("serialization failure").isTrue();
    }

    @Test
    void statementsTheServerRefusesOnTheirMeritAreNotOutages() {
        assertThat(InfrastructureOutage.isOutage(pg("23505"))).as("unique violation").isFalse();
        assertThat(InfrastructureOutage.isOutage(pg("22003"))).as("numeric value out of range").isFalse();
        assertThat(InfrastructureOutage.isOutage(pg("42P01"))).as("undefined table: a bug, not an outage").isFalse();
    }

    @Test
    void kafkaSaysWhichOfItsErrorsAreWorthRetrying() {
        assertThat(InfrastructureOutage.isOutage(new TimeoutException("Expiring 1 record(s)"))).isTrue();
        assertThat(InfrastructureOutage.isOutage(new NotLeaderOrFollowerException("moved"))).isTrue();
        assertThat(InfrastructureOutage.isOutage(new RecordTooLargeException("1 MiB"))).isFalse();
    }

    @Test
    void inputProblemsAndBugsAreNotOutages() {
        assertThat(InfrastructureOutage.isOutage(new UncheckedIOException(new JsonParseException(null, "Unexpected end")))).isFalse();
        assertThat(InfrastructureOutage.isOutage(new IllegalArgumentException("INCOMPLETE_EVENT: eventId is required"))).isFalse();
        assertThat(InfrastructureOutage.isOutage(new NullPointerException())).isFalse();
    }

    @Test
    void aLostConnectionWithoutSqlStateIsRecognisedByItsMessage() {
        assertThat(InfrastructureOutage.isOutage(new IllegalStateException("Connection is not active now, current status: CLOSED")))
                .isTrue();
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        var first = new RuntimeException("first");
        var second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(InfrastructureOutage.isOutage(first)).isFalse();
    }

    private static PgException pg(String sqlState) {
        return new PgException("server says so", "ERROR", sqlState, null);
    }
}
