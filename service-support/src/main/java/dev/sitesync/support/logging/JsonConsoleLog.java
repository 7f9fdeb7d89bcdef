package dev.sitesync.support.logging;

import java.util.logging.Handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

import io.quarkus.runtime.StartupEvent;

/**
 * Switches console logging to one JSON object per line when {@code sitesync.log.json=true}
 * ({@code SITESYNC_LOG_JSON=true} in Kubernetes).
 */
@ApplicationScoped
public class JsonConsoleLog {

    void onStart(@Observes StartupEvent event, LogConfig config) {
        if (config.json()) {
            JsonLineFormatter formatter = new JsonLineFormatter();
            for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
                useJson(handler, formatter);
            }
        }
    }

    private static void useJson(Handler handler, JsonLineFormatter formatter) {
        if (handler instanceof ConsoleHandler console) {
            console.setFormatter(formatter);
        }
        if (handler instanceof ExtHandler ext) {
            for (Handler nested : ext.getHandlers()) {
                useJson(nested, formatter);
            }
        }
    }
}
