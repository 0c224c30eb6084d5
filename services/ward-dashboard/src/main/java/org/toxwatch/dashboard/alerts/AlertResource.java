package org.toxwatch.dashboard.alerts;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.toxwatch.dashboard.audit.AuditTrail;
import org.toxwatch.dashboard.security.WardRoles;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/alerts")
@Tag(name = "Alerts")
@SecurityRequirement(name = "jwt")
@RolesAllowed({WardRoles.NURSE, WardRoles.ONCOLOGIST, WardRoles.PHARMACIST, WardRoles.VIEWER})
public class AlertResource {

    static final int AUDIT_PER_ALERT = 100;

    private final AlertReadModel alerts;
    private final AlertStream stream;
    private final AuditTrail audit;

    public AlertResource(AlertReadModel alerts, AlertStream stream, AuditTrail audit) {
        this.alerts = alerts;
        this.stream = stream;
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Alerts of a ward, most severe first, then the newest lab result; asOf is where the stream goes on")
    public Uni<AlertReadModel.AlertList> list(
            @Parameter(description = "e.g. 5B, or unassigned; every ward when absent") @QueryParam("ward") String ward,
            @Parameter(description = "open (OPEN and ACKNOWLEDGED, the default) or all") @QueryParam("view") @DefaultValue("open") String view) {
        boolean openOnly = switch (view) {
            case "open" -> true;
            case "all" -> false;
            default -> throw new WebApplicationException(Response.status(Response.Status.BAD_REQUEST)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(java.util.Map.of("problems", List.of("view is open or all, not '" + view + "'"))).build());
        };
        return alerts.list(blankToNull(ward), openOnly);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Every change of an alert card after a position: event 'alert', id = seq, data = AlertCard; "
            + "a heartbeat comment every 15 s")
    public Multi<OutboundSseEvent> stream(@QueryParam("ward") String ward,
            @Parameter(description = "the asOf of GET /api/alerts, or the last id received") @QueryParam("after") Long after,
            @Parameter(description = "set by a reconnecting client; wins over after") @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        Long from = after;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                from = Long.parseLong(lastEventId.strip());
            } catch (NumberFormatException e) {
                throw new WebApplicationException("Last-Event-ID is a position (a number)", Response.Status.BAD_REQUEST);
            }
        }
        if (from != null && from < 0) {
            throw new WebApplicationException("after is a position (0 or more)", Response.Status.BAD_REQUEST);
        }
        return stream.open(from, blankToNull(ward), sse);
    }

    @GET
    @Path("/{alertId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One alert with its transitions and the ward actions attempted on it here")
    @APIResponse(responseCode = "404", description = "the dashboard has not seen this alert")
    public Uni<AlertDetail> get(@PathParam("alertId") UUID alertId) {
        return alerts.card(alertId).chain(card -> {
            if (card.isEmpty()) {
                return Uni.createFrom().failure(new NotFoundException("no alert " + alertId));
            }
            return alerts.transitions(List.of(alertId))
                    .chain(transitions -> audit.find(alertId, null, AUDIT_PER_ALERT)
                            .map(entries -> new AlertDetail(card.get(),
                                    transitions.stream().map(AlertDetail.TransitionView::of).toList(), entries)));
        });
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
