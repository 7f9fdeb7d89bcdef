package dev.sitesync.frappe.sim.site;

/** What a client needs to reach one site: where, under which site name, and two users' API keys. */
public record SiteCredentials(String baseUrl, String siteName, Key admin, Key sync) {

    /** An API key and secret of one user. */
    public record Key(String user, String apiKey, String apiSecret) {

        @Override
        public String toString() {
            return "Key[user=" + user + ", apiKey=" + apiKey + ", apiSecret=***]";
        }
    }
}
