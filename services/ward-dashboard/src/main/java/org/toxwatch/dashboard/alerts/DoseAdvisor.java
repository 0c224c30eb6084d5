package org.toxwatch.dashboard.alerts;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.smallrye.mutiny.Uni;

/**
 * The dose-advisor's alert actions ({@code TOXWATCH_DOSE_ADVISOR_URL}). Its answers (200 with the alert, 404, 409
 * with the current state) come back as they are: the default mapper is off, so no status becomes an exception.
 * Each call carries the ward user's own bearer token: the advisor checks the role again and records who acted from
 * the token, so the dashboard cannot act as anybody else.
 */
@RegisterRestClient(configKey = "dose-advisor")
@Path("/alerts")
public interface DoseAdvisor {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ActionRequest(String reason) {
    }

    @POST
    @Path("/{alertId}/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> act(@PathParam("alertId") UUID alertId, @PathParam("action") String action,
            @HeaderParam("Authorization") String authorization, ActionRequest request);
}
