package dev.sitesync.console.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.TemplateInstance;

/**
 * The way out: after signing out (at the issuer too) a page says so, without a session. A path of its own: JAX-RS
 * matches the longest class path first, and {@code /console} would otherwise answer 404 for it.
 */
@Path("/console/signed-out")
public class SignedOutResource {

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signedOut() {
        return Pages.signedOut();
    }
}
