package dev.sitesync.worker.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP endpoint standing where a SiteSync service would, for the worker's REST clients: it records every request
 * as it arrived (method, path, headers, body) and answers as the test tells it, so a test can see what the clients
 * really send. Not a stand-in for a service's behaviour: answers are the test's own.
 */
final class RecordingService implements AutoCloseable {

    /** One request as it arrived. */
    record Request(String method, String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** An answer: status and JSON body. */
    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Function<Request, Answer>> handlers = new ConcurrentHashMap<>();

    RecordingService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "recording-service");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests of {@code method path} with these answers in turn, then as the handler (or 404) says. */
    void answer(String method, String path, Answer... answers) {
        scripted.put(method + " " + path, new ArrayDeque<>(List.of(answers)));
    }

    /** Answers every request of {@code method path} from what it asked. */
    void handle(String method, String path, Function<Request, Answer> handler) {
        handlers.put(method + " " + path, handler);
    }

    List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    void reset() {
        requests.clear();
        scripted.clear();
        handlers.clear();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                Map.copyOf(exchange.getRequestHeaders()), body);
        requests.add(request);
        String key = request.method() + " " + request.path();
        Deque<Answer> queue = scripted.get(key);
        Answer answer = queue != null && !queue.isEmpty()
                ? queue.poll()
                : handlers.getOrDefault(key, r -> new Answer(404, "{\"title\":\"not scripted\"}")).apply(request);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
