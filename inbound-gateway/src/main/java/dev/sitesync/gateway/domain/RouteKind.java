package dev.sitesync.gateway.domain;

/** What a route does with a request. */
public enum RouteKind {
    /** {@code POST /hooks/{site}}: an ERPNext webhook, signed with the site's secret. */
    WEBHOOK,
    /** {@code POST /payments/{provider}/callback}: a payment provider's callback, verified by commerce-guard. */
    PAYMENT,
    /** A service API behind OIDC bearer tokens. */
    API,
    /** A page of the operator console, whose own sign-in and session cookie guard it. */
    CONSOLE
}
