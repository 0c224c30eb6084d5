package org.toxwatch.advisor.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * A test-only endpoint that names no roles, as a new endpoint would if its author forgot: deny by default must refuse
 * it to every token.
 */
@Path("/test-only/unannotated")
public class UnannotatedProbe {

    @GET
    public String open() {
        return "nobody should read this";
    }
}
