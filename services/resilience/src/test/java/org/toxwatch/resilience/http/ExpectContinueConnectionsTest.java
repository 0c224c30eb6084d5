package org.toxwatch.resilience.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

class ExpectContinueConnectionsTest {

    private Vertx vertx;
    private URI alerts;

    @BeforeEach
    void startAServerThatAnswersBeforeReadingTheBody() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new ExpectContinueConnections().closeAfterResponding(router);
        // as an endpoint refusing a caller without a token: answered at once, the body never read
        router.post("/alerts").handler(context -> context.response().setStatusCode(401).end());
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        alerts = URI.create("http://127.0.0.1:" + server.actualPort() + "/alerts");
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anEarlyAnswerToAnExpectContinueRequestClosesItsConnection() throws Exception {
        assertThat(post(true).headers().firstValue("Connection")).hasValueSatisfying(
                value -> assertThat(value).isEqualToIgnoringCase("close"));
    }

    @Test
    void otherRequestsKeepTheirConnection() throws Exception {
        HttpResponse<Void> answer = post(false);
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Connection")).isEmpty();
    }

    private HttpResponse<Void> post(boolean expectContinue) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(alerts).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").expectContinue(expectContinue)
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"seen\"}")).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding());
    }
}
