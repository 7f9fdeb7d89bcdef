package dev.sitesync.gateway.api;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.gateway.domain.Decision;

/**
 * Reads a request body into memory, never more than a limit: a declared length above it is refused before a byte is
 * read, and a chunked body is cut off as soon as it passes the limit. The raw bytes are kept as received, because
 * webhook signatures are over exactly those bytes.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    static Uni<Buffer> read(RoutingContext rc, long limit) {
        HttpServerRequest request = rc.request();
        String declared = request.getHeader("Content-Length");
        if (declared != null && (!declared.chars().allMatch(Character::isDigit) || declared.length() > 18
                || Long.parseLong(declared) > limit)) {
            rc.response().putHeader("Connection", "close");
            return Uni.createFrom().failure(tooLarge(limit));
        }
        if (request.isEnded()) {
            return Uni.createFrom().item(Buffer.buffer());
        }
        Promise<Buffer> body = Promise.promise();
        Buffer received = Buffer.buffer();
        // paused until every handler is set: Quarkus resumes a request as soon as its data or end handler is set, and
        // when the step before (a token check, a site lookup) ended on another event loop, the request's own loop could
        // deliver its end before the end handler was set (Vert.x: "Request has already been read", answered 500)
        request.pause();
        request.handler(chunk -> {
            if (received.length() + chunk.length() > limit) {
                request.handler(null);
                rc.response().putHeader("Connection", "close");
                body.tryFail(tooLarge(limit));
            } else {
                received.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(body::tryFail);
        request.endHandler(end -> body.tryComplete(received));
        request.resume();
        return Uni.createFrom().completionStage(body.future().toCompletionStage())
                .invoke(read -> Exchange.of(rc).bytesIn = read.length());
    }

    private static Refusal tooLarge(long limit) {
        return new Refusal(Decision.PAYLOAD_TOO_LARGE, ProblemType.PAYLOAD_TOO_LARGE,
                "The request body is larger than the " + limit + " bytes this route accepts.");
    }
}
