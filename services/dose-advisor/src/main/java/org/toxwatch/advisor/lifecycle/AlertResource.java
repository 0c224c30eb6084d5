package org.toxwatch.advisor.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.toxwatch.advisor.alerting.DoseAlertRecord;
import org.toxwatch.advisor.security.Roles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The ward's view of dose alerts and its three actions on them. Retraction is not here: only the system retracts,
 * when the result behind an alert is corrected.
 *
 * <p>Who may (bearer token, roles in {@code groups}; the same rules as the ward dashboard, which forwards the ward's
 * own token here):
 * <table>
 * <caption>roles per endpoint</caption>
 * <tr><th>endpoint</th><th>viewer</th><th>nurse</th><th>oncologist, pharmacist</th><th>integration</th></tr>
 * <tr><td>GET /alerts, GET /alerts/{alertId}</td><td>yes</td><td>yes</td><td>yes</td><td>no</td></tr>
 * <tr><td>POST .../acknowledge, .../resolve</td><td>no</td><td>yes</td><td>yes</td><td>no</td></tr>
 * <tr><td>POST .../override</td><td>no</td><td>no</td><td>yes</td><td>no</td></tr>
 * </table>
 * The transition records the token's {@code upn} and the role the action was allowed under ({@link Actor#person}),
 * never a name from the body: an {@code actor} field a caller still sends is ignored.
 */
@Path("/alerts")
@Tag(name = "Dose alerts")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private static final Set<String> MAY_ACKNOWLEDGE = Set.of(Roles.NURSE, Roles.ONCOLOGIST, Roles.PHARMACIST);
    private static final Set<String> MAY_RESOLVE = Set.of(Roles.NURSE, Roles.ONCOLOGIST, Roles.PHARMACIST);
    private static final Set<String> MAY_OVERRIDE = Set.of(Roles.ONCOLOGIST, Roles.PHARMACIST);

    private final AlertLifecycle lifecycle;
    private final ObjectMapper json;
    private final SecurityIdentity identity;

    public AlertResource(AlertLifecycle lifecycle, ObjectMapper json, SecurityIdentity identity) {
        this.lifecycle = lifecycle;
        this.json = json;
        this.identity = identity;
    }

    @Schema(description = "A dose alert with its lifecycle; transitions only on GET /alerts/{alertId} and after an action")
    public record AlertView(UUID alertId, String patientId, String courseId, String drug, String alertType,
            AlertState state, int revision, int escalationLevel,
            @Schema(description = "escalates when still OPEN at this time; null once acknowledged or closed, or at the last escalation level")
            Instant acknowledgeDeadline,
            Instant openedAt, Instant updatedAt,
            @Schema(description = "the dose-alert.v1 message at its current revision") JsonNode alert,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<TransitionView> transitions) {
    }

    public record TransitionView(int sequence, Transition transition, AlertState fromState, AlertState toState,
            String actor, String reason, Instant at, int revision, int escalationLevel, Instant acknowledgeDeadline) {
    }

    /** Who acknowledges comes from the bearer token. */
    public record AcknowledgeRequest(
            @Positive @Schema(description = "optional: the content revision the person read; refused with 409 when the alert has a newer one") Integer revision) {
    }

    public record OverrideRequest(
            @NotBlank @Schema(description = "why the ward does not follow the advice (required)") String reason,
            @Positive Integer revision) {
    }

    public record ResolveRequest(
            @Schema(description = "optional note, e.g. what was done") String reason,
            @Positive Integer revision) {
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.VIEWER, Roles.NURSE, Roles.ONCOLOGIST, Roles.PHARMACIST})
    @Operation(summary = "List dose alerts, newest first (viewer, nurse, oncologist, pharmacist)")
    @APIResponse(responseCode = "200", description = "the alerts (without their transitions)")
    public Uni<List<AlertView>> list(
            @Parameter(description = "OPEN, ACKNOWLEDGED, RESOLVED, OVERRIDDEN or RETRACTED") @QueryParam("state") AlertState state,
            @QueryParam("patientId") String patientId,
            @QueryParam("courseId") String courseId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (state != null) {
            conditions.add("state = :state");
            parameters.and("state", state);
        }
        if (patientId != null && !patientId.isBlank()) {
            conditions.add("patientId = :patientId");
            parameters.and("patientId", patientId);
        }
        if (courseId != null && !courseId.isBlank()) {
            conditions.add("courseId = :courseId");
            parameters.and("courseId", courseId);
        }
        String where = conditions.isEmpty() ? "" : String.join(" and ", conditions) + " ";
        return DoseAlertRecord.<DoseAlertRecord>find(where + "order by openedAt desc nulls last, alertId", parameters)
                .page(0, limit).list()
                .map(rows -> rows.stream().map(row -> view(row, null)).toList());
    }

    @GET
    @Path("/{alertId}")
    @WithSession
    @RolesAllowed({Roles.VIEWER, Roles.NURSE, Roles.ONCOLOGIST, Roles.PHARMACIST})
    @Operation(summary = "One dose alert with its state and every transition (viewer, nurse, oncologist, pharmacist)")
    @APIResponse(responseCode = "200", description = "the alert")
    @APIResponse(responseCode = "404", description = "no such alert")
    public Uni<AlertView> get(@PathParam("alertId") UUID alertId) {
        return withTransitions(alertId);
    }

    @POST
    @Path("/{alertId}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.NURSE, Roles.ONCOLOGIST, Roles.PHARMACIST})
    @Operation(summary = "Acknowledge an OPEN alert: someone on the ward has seen it; it stops escalating (nurse, oncologist, pharmacist)")
    @APIResponse(responseCode = "200", description = "acknowledged; the alert with its transitions")
    @APIResponse(responseCode = "401", description = "no valid bearer token")
    @APIResponse(responseCode = "403", description = "the token's role may not acknowledge")
    @APIResponse(responseCode = "404", description = "no such alert")
    @APIResponse(responseCode = "409", description = "the alert is not OPEN (or has a newer revision); the body gives its state")
    public Uni<AlertView> acknowledge(@PathParam("alertId") UUID alertId, @Valid @NotNull AcknowledgeRequest request) {
        return lifecycle.acknowledge(alertId, actor(MAY_ACKNOWLEDGE), request.revision())
                .chain(() -> Panache.withSession(() -> withTransitions(alertId)));
    }

    @POST
    @Path("/{alertId}/override")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ONCOLOGIST, Roles.PHARMACIST})
    @Operation(summary = "Override an OPEN or ACKNOWLEDGED alert: the ward decides against the advice, with a reason (oncologist, pharmacist)")
    @APIResponse(responseCode = "200", description = "overridden; the alert with its transitions")
    @APIResponse(responseCode = "400", description = "no reason")
    @APIResponse(responseCode = "401", description = "no valid bearer token")
    @APIResponse(responseCode = "403", description = "the token's role may not override")
    @APIResponse(responseCode = "404", description = "no such alert")
    @APIResponse(responseCode = "409", description = "the alert is already closed (or has a newer revision); the body gives its state")
    public Uni<AlertView> override(@PathParam("alertId") UUID alertId, @Valid @NotNull OverrideRequest request) {
        return lifecycle.override(alertId, actor(MAY_OVERRIDE), request.reason(), request.revision())
                .chain(() -> Panache.withSession(() -> withTransitions(alertId)));
    }

    @POST
    @Path("/{alertId}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.NURSE, Roles.ONCOLOGIST, Roles.PHARMACIST})
    @Operation(summary = "Resolve an OPEN or ACKNOWLEDGED alert: the advice was acted on (nurse, oncologist, pharmacist)")
    @APIResponse(responseCode = "200", description = "resolved; the alert with its transitions")
    @APIResponse(responseCode = "401", description = "no valid bearer token")
    @APIResponse(responseCode = "403", description = "the token's role may not resolve")
    @APIResponse(responseCode = "404", description = "no such alert")
    @APIResponse(responseCode = "409", description = "the alert is already closed (or has a newer revision); the body gives its state")
    public Uni<AlertView> resolve(@PathParam("alertId") UUID alertId, @Valid @NotNull ResolveRequest request) {
        return lifecycle.resolve(alertId, actor(MAY_RESOLVE), request.reason(), request.revision())
                .chain(() -> Panache.withSession(() -> withTransitions(alertId)));
    }

    /** The person behind the verified token, in the role @RolesAllowed let them act in. */
    private Actor actor(Set<String> allowed) {
        String role = Roles.actingRole(identity, allowed)
                .orElseThrow(() -> new IllegalStateException("no allowed role passed the role check")); // cannot happen
        return Actor.person(identity.getPrincipal().getName(), role);
    }

    @ServerExceptionMapper
    public Response unknown(UnknownAlert e) {
        return Response.status(Response.Status.NOT_FOUND).entity(Map.of("problems", List.of(e.getMessage()))).build();
    }

    @ServerExceptionMapper
    public Response refused(TransitionRefused e) {
        return Response.status(Response.Status.CONFLICT).entity(Map.of(
                "alertId", e.alertId(),
                "state", e.state(),
                "revision", e.revision(),
                "problems", List.of(e.getMessage()))).build();
    }

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("problems", List.of(e.getMessage()))).build();
    }

    private Uni<AlertView> withTransitions(UUID alertId) {
        return DoseAlertRecord.<DoseAlertRecord>findById(alertId).chain(row -> row == null
                ? Uni.createFrom().failure(new UnknownAlert(alertId))
                : AlertTransitionRecord.ofAlert(alertId).map(transitions -> view(row, transitions.stream()
                        .map(t -> new TransitionView(t.sequence, t.transition, t.fromState, t.toState, t.actor, t.reason,
                                t.at, t.revision, t.escalationLevel, t.acknowledgeDeadline))
                        .toList())));
    }

    private AlertView view(DoseAlertRecord row, List<TransitionView> transitions) {
        return new AlertView(row.alertId, row.patientId, row.courseId, row.drug, row.alertType, row.state, row.revision,
                row.escalationLevel, row.acknowledgeDeadline, row.openedAt, row.updatedAt, content(row.alert), transitions);
    }

    private JsonNode content(String alert) {
        try {
            return json.readTree(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored dose alert is unreadable", e);
        }
    }
}
