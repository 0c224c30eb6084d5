package org.toxwatch.resilience.http;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Text that PostgreSQL can store: it takes no NUL character (U+0000), and a parameter or a JSON string holding one
 * made the statement fail, a 500 over REST and a failed record on a topic. Such text is refused at the door instead:
 * 400 for a path or query parameter, and the JSON reader refuses the string (400 over REST, a malformed message on a
 * topic). No clinical text, id or name holds a NUL. Found by the hostile-input suite.
 * <p>
 * The filter works in every service with a REST server (this library's beans.xml has it indexed); the JSON half only
 * where the service's object mapper registers {@link #jsonModule()}.
 */
public class NulFreeText {

    @ServerRequestFilter
    public Optional<Response> refuseNulParameters(ContainerRequestContext request) {
        if (holdsNul(request.getUriInfo().getPathParameters()) || holdsNul(request.getUriInfo().getQueryParameters())) {
            return Optional.of(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("problems", List.of("a path or query parameter holds a NUL character"))).build());
        }
        return Optional.empty();
    }

    static boolean holdsNul(Map<String, List<String>> parameters) {
        return parameters.values().stream().flatMap(List::stream).anyMatch(value -> value != null && value.indexOf(0) >= 0);
    }

    /** For a service's object mapper: every string is read as Jackson reads it, a NUL character refused. */
    public static Module jsonModule() {
        return new SimpleModule("toxwatch-nul-free-text").addDeserializer(String.class, new Strings());
    }

    /** Strings as Jackson reads them (coercion rules and all), a NUL character refused. */
    static final class Strings extends StdScalarDeserializer<String> {

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && text.indexOf(0) >= 0) {
                throw context.weirdStringException("(a text)", String.class, "holds a NUL character");
            }
            return text;
        }
    }
}
