package dev.sitesync.frappe.sim.fault;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.sitesync.frappe.sim.engine.WriteAnswer;
import dev.sitesync.frappe.sim.engine.WriteFault;

/**
 * Gives a committed write's answer as its fault says: never (the connection closes before a byte is sent, as when a
 * proxy times out or the worker dies after the commit) or late (after the client may have given up).
 */
public class WithheldAnswers {

    private final Faults faults;
    private final WithheldAnswer withheld;

    public WithheldAnswers(Faults faults, WithheldAnswer withheld) {
        this.faults = faults;
        this.withheld = withheld;
    }

    @ServerResponseFilter
    public Uni<Void> withhold(HttpServerRequest request) {
        if (!faults.answersWithheld()) {
            return Uni.createFrom().voidItem();
        }
        WriteFault fault = withheld.fault();
        if (fault == null) {
            return Uni.createFrom().voidItem();
        }
        faults.answerWithheld();
        if (fault.answer() == WriteAnswer.DROPPED) {
            // the answer may go only once the connection is closed, so not a byte of it reaches the caller
            return Uni.createFrom().completionStage(() -> request.connection().close().toCompletionStage())
                    .onFailure().recoverWithNull().replaceWithVoid();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(fault.answerDelay());
    }
}
