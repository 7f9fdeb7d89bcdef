package dev.sitesync.worker.client;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Every answer of another SiteSync service that is not a success, as a {@link ServiceCallException} with its status
 * and the start of its problem+json body: one mapping for identity-service, ownership-service and peers' inboxes.
 */
public class ServiceResponses implements ResponseExceptionMapper<ServiceCallException> {

    private static final int MAX_DETAIL = 300;

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 300;
    }

    @Override
    public ServiceCallException toThrowable(Response response) {
        int status = response.getStatus();
        String message = "answered " + status + ": " + abbreviate(body(response));
        return status == 429 || status >= 500
                ? new ServiceUnavailableException(message, status)
                : new ServiceCallException(message, status);
    }

    private static String body(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    private static String abbreviate(String text) {
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text;
    }
}
