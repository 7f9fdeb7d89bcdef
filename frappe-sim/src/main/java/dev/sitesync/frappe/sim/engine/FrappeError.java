package dev.sitesync.frappe.sim.engine;

/**
 * A Frappe exception as the site raises it: the Python class name ({@code exc_type}), the HTTP status Frappe gives that
 * class ({@code frappe/exceptions.py}), and the message {@code frappe.throw} would record.
 */
public class FrappeError extends RuntimeException {

    private final String excType;
    private final int status;
    private final String title;
    private final java.util.List<String> messages;

    public FrappeError(String excType, int status, String message) {
        this(excType, status, message, "Message");
    }

    public FrappeError(String excType, int status, String message, String title) {
        this(excType, status, java.util.List.of(message), title);
    }

    /** One error with several messages, as when {@code frappe.msgprint} ran once per missing field. */
    public FrappeError(String excType, int status, java.util.List<String> messages, String title) {
        super(String.join("; ", messages), null, false, false);
        this.excType = excType;
        this.status = status;
        this.title = title;
        this.messages = java.util.List.copyOf(messages);
    }

    public java.util.List<String> messages() {
        return messages;
    }

    public String excType() {
        return excType;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static FrappeError notFound(String doctype, String name) {
        return new FrappeError("DoesNotExistError", 404, doctype + " " + name + " not found");
    }

    public static FrappeError doctypeNotFound(String doctype) {
        return new FrappeError("DoesNotExistError", 404, "DocType " + doctype + " not found");
    }

    public static FrappeError validation(String message) {
        return new FrappeError("ValidationError", 417, message);
    }

    public static FrappeError validation(String excType, String message) {
        return new FrappeError(excType, 417, message);
    }

    public static FrappeError permission(String message) {
        return new FrappeError("PermissionError", 403, message, "Not permitted");
    }

    public static FrappeError authentication(String message) {
        return new FrappeError("AuthenticationError", 401, message, "Not permitted");
    }

    public static FrappeError duplicate(String doctype, String name) {
        return new FrappeError("DuplicateEntryError", 409, doctype + " " + name + " already exists", "Duplicate Name");
    }

    /**
     * The error a struggling site answers with this status: 429 {@code TooManyRequestsError}, 503
     * {@code SessionStopped} (maintenance mode), anything else 500 {@code QueryTimeoutError}.
     */
    public static FrappeError serverFault(int status) {
        return switch (status) {
            case 429 -> new FrappeError("TooManyRequestsError", 429, "Too Many Requests");
            case 503 -> new FrappeError("SessionStopped", 503, "Session Stopped: the site is in maintenance mode");
            default -> new FrappeError("QueryTimeoutError", 500, "Internal Server Error");
        };
    }

    public static FrappeError dataError(String message) {
        return new FrappeError("DataError", 417, message);
    }
}
