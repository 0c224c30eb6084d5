package org.toxwatch.resilience.http;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * A request that announces its body with {@code Expect: 100-continue} and is answered before the body is read (401
 * without a token, 403, 413, 415) leaves its connection out of step: the client, told not to, never sends the body,
 * while the server still waits for it and reads the client's next request on that connection as that body, so the
 * next request hangs. Responses to such requests close their connection instead. Found by the hostile-input suite: a
 * client that reuses connections hung for 30 s after a request without a token.
 */
@Singleton
public class ExpectContinueConnections {

    void closeAfterResponding(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if ("100-continue".equalsIgnoreCase(context.request().getHeader(HttpHeaders.EXPECT))) {
                context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            }
            context.next();
        });
    }
}
