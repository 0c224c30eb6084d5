package org.toxwatch.dashboard.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.toxwatch.dashboard.audit.AuditEntry;
import org.toxwatch.dashboard.audit.AuditTrail;
import org.toxwatch.dashboard.security.WardUser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Ward actions on an alert, forwarded to the dose-advisor, which owns the lifecycle. Any valid token reaches these
 * methods (the role check is here, not in an annotation) so that a refused attempt is audited like an allowed one;
 * every attempt is written to the audit before the answer goes back. An allowed action is forwarded with the user's
 * own bearer token, so the advisor checks the same rules and records who acted from the token.
 *
 * <table>
 * <caption>roles per action ({@link WardAction})</caption>
 * <tr><th>endpoint</th><th>viewer</th><th>nurse</th><th>oncologist, pharmacist</th></tr>
 * <tr><td>POST /api/alerts/{alertId}/acknowledge, .../resolve</td><td>403</td><td>yes</td><td>yes</td></tr>
 * <tr><td>POST /api/alerts/{alertId}/override</td><td>403</td><td>403</td><td>yes</td></tr>
 * </table>
 */
@Path("/api/alerts/{alertId}")
@Tag(name = "Ward actions")
@SecurityRequirement(name = "jwt")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WardActionResource {

    private static final Logger LOG = Logger.getLogger(WardActionResource.class);

    private final DoseAdvisor advisor;
    private final AlertReadModel alerts;
    private final AuditTrail audit;
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final ObjectMapper json;

    public WardActionResource(@RestClient DoseAdvisor advisor, AlertReadModel alerts, AuditTrail audit,
            SecurityIdentity identity, JsonWebToken token, ObjectMapper json) {
        this.advisor = advisor;
        this.alerts = alerts;
        this.audit = audit;
        this.identity = identity;
        this.token = token;
        this.json = json;
    }

    /** The request body; {@code reason} is required to override, optional to resolve, unused to acknowledge. */
    public record ActionBody(String reason) {
    }

    @POST
    @Path("/acknowledge")
    @Operation(summary = "Someone on the ward has seen the alert (nurse, oncologist, pharmacist)")
    @APIResponse(responseCode = "200", description = "the dose-advisor's answer: the alert with its transitions")
    @APIResponse(responseCode = "403", description = "the token's role may not acknowledge")
    @APIResponse(responseCode = "409", description = "the alert's state does not allow it; the body gives the state")
    public Uni<Response> acknowledge(@PathParam("alertId") UUID alertId, ActionBody body) {
        return act(WardAction.ACKNOWLEDGE, alertId, null);
    }

    @POST
    @Path("/override")
    @Operation(summary = "Decide against the advice, with a reason (oncologist, pharmacist)")
    @APIResponse(responseCode = "200", description = "the dose-advisor's answer: the alert with its transitions")
    @APIResponse(responseCode = "400", description = "no reason")
    @APIResponse(responseCode = "403", description = "the token's role may not override")
    @APIResponse(responseCode = "409", description = "the alert's state does not allow it; the body gives the state")
    public Uni<Response> override(@PathParam("alertId") UUID alertId, ActionBody body) {
        return act(WardAction.OVERRIDE, alertId, reasonOf(body));
    }

    @POST
    @Path("/resolve")
    @Operation(summary = "The advice was acted on (nurse, oncologist, pharmacist); a reason is optional")
    @APIResponse(responseCode = "200", description = "the dose-advisor's answer: the alert with its transitions")
    @APIResponse(responseCode = "403", description = "the token's role may not resolve")
    @APIResponse(responseCode = "409", description = "the alert's state does not allow it; the body gives the state")
    public Uni<Response> resolve(@PathParam("alertId") UUID alertId, ActionBody body) {
        return act(WardAction.RESOLVE, alertId, reasonOf(body));
    }

    private Uni<Response> act(WardAction action, UUID alertId, String reason) {
        WardUser user = WardUser.of(identity);
        return alerts.card(alertId).map(card -> card.map(AlertCard::patientId).orElse(null)).chain(patientId -> {
            Optional<String> role = user.roleFor(action.allowedRoles());
            if (role.isEmpty()) {
                String problem = "role " + user.describeRoles() + " may not " + action.path() + " an alert; "
                        + String.join(", ", action.allowedRoles().stream().sorted().toList()) + " may";
                return answer(new AuditEntry(Instant.now(), user.name(), user.describeRoles(), action.name(), alertId,
                        patientId, reason, 403, problem), problems(problem));
            }
            if (action == WardAction.OVERRIDE && reason == null) {
                String problem = "a reason is required to override an alert";
                return answer(new AuditEntry(Instant.now(), user.name(), role.get(), action.name(), alertId, patientId,
                        null, 400, problem), problems(problem));
            }
            return advisor.act(alertId, action.path(), "Bearer " + token.getRawToken(),
                            new DoseAdvisor.ActionRequest(reason))
                    .map(response -> {
                        String entity = response.hasEntity() ? response.readEntity(String.class) : null;
                        return new Forwarded(response.getStatus(), entity, describe(response.getStatus(), entity));
                    })
                    .onFailure().recoverWithItem(failure -> {
                        LOG.warnf("dose-advisor unreachable for %s of alert %s: %s", action.path(), alertId,
                                failure.toString());
                        String problem = "the dose-advisor could not be reached: " + failure.getMessage();
                        return new Forwarded(502, problems(problem), problem);
                    })
                    .chain(forwarded -> answer(new AuditEntry(Instant.now(), user.name(), role.get(), action.name(),
                            alertId, patientId, reason, forwarded.status(), forwarded.detail()), forwarded.body()));
        });
    }

    private record Forwarded(int status, String body, String detail) {
    }

    /** Audit first, then the answer: an attempt that cannot be audited fails as a whole. */
    private Uni<Response> answer(AuditEntry entry, String body) {
        return audit.append(entry).map(done -> {
            Response.ResponseBuilder response = Response.status(entry.outcome());
            if (body != null && !body.isEmpty()) {
                response.type(MediaType.APPLICATION_JSON).entity(body);
            }
            return response.build();
        });
    }

    /** The advisor's answer in a line: its status and, when it says, the alert's state. */
    private String describe(int status, String entity) {
        String state = null;
        if (entity != null && !entity.isBlank()) {
            try {
                JsonNode node = json.readTree(entity);
                state = node.path("state").isTextual() ? node.path("state").asText() : null;
                if (state == null && node.path("problems").isArray()) {
                    return "dose-advisor answered " + status + ": " + node.path("problems");
                }
            } catch (Exception e) {
                return "dose-advisor answered " + status + " (not JSON)";
            }
        }
        return "dose-advisor answered " + status + (state == null ? "" : ", alert " + state);
    }

    private String problems(String problem) {
        try {
            return json.writeValueAsString(Map.of("problems", List.of(problem)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reasonOf(ActionBody body) {
        return body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
    }
}
