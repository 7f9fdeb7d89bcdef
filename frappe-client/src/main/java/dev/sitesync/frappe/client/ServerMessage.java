package dev.sitesync.frappe.client;

/** One entry of Frappe's {@code _server_messages} (what {@code frappe.msgprint}/{@code frappe.throw} recorded). */
public record ServerMessage(String message, String title, String indicator) {

    /** The message without the HTML markup Frappe often puts in it. */
    public String plainText() {
        return message == null ? "" : message.replaceAll("<[^>]*>", "").trim();
    }
}
