package dev.sitesync.ownership.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.GATEWAY;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;
import static dev.sitesync.contracts.Roles.SYNC_WORKER;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.ownership.domain.Site;
import dev.sitesync.ownership.domain.SiteReport;
import dev.sitesync.ownership.domain.SiteReport.DoctypeMeta;
import dev.sitesync.ownership.domain.Version;
import dev.sitesync.ownership.store.PolicySnapshot;
import dev.sitesync.ownership.store.PolicyState;
import dev.sitesync.ownership.store.SiteReports;
import dev.sitesync.ownership.store.StoredReport;
import dev.sitesync.support.problem.ProblemException;

@Path("/api/v1/sites")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sites", description = "The site registry: status, webhook ranges, contacts and onboarding reports")
public class SiteResource {

    private final PolicyState state;
    private final SiteReports reports;
    private final JsonWebToken token;

    public SiteResource(PolicyState state, SiteReports reports, JsonWebToken token) {
        this.state = state;
        this.reports = reports;
        this.token = token;
    }

    /**
     * Every site, tagged with the policy version and the onboarding reports' version ({@code "policy.sites"});
     * {@code If-None-Match} with that tag answers 304.
     */
    @GET
    @RolesAllowed({SYNC_ADMIN, SYNC_WORKER, GATEWAY, SRE, AUDITOR})
    public Uni<Response> list(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return state.current().map(snapshot -> {
            String tag = ETags.of(snapshot.policyVersion() + "." + snapshot.sitesVersion());
            if (ETags.noneMatchHits(ifNoneMatch, tag)) {
                return Response.notModified().header(HttpHeaders.ETAG, tag).build();
            }
            return Response.ok(snapshot.document().policy().sites().stream().map(site -> view(site, snapshot)).toList())
                    .header(HttpHeaders.ETAG, tag).build();
        });
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({SYNC_ADMIN, SYNC_WORKER, GATEWAY, SRE, AUDITOR})
    public Uni<SiteView> get(@PathParam("code") @SiteCode String code) {
        return state.current().map(snapshot -> view(declared(snapshot, code), snapshot));
    }

    /**
     * Records what a site runs (versions, DocType meta hashes, the external-ID custom field), replacing its previous
     * report, and answers which of its doctypes it cannot exchange as things stand.
     */
    @PUT
    @Path("/{code}/onboarding")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({SYNC_ADMIN, SYNC_WORKER})
    public Uni<OnboardingResult> onboard(@PathParam("code") @SiteCode String code,
            @NotNull @Valid OnboardingRequest request) {
        String recordedBy = token.getSubject() != null ? token.getSubject() : token.getName();
        return state.current().invoke(snapshot -> declared(snapshot, code))
                .flatMap(ignored -> reports.record(toReport(code, request), recordedBy))
                .flatMap(recorded -> state.current())
                .map(snapshot -> new OnboardingResult(view(declared(snapshot, code), snapshot),
                        snapshot.engine().schemaProblems(code)));
    }

    static Site declared(PolicySnapshot snapshot, String code) {
        return snapshot.document().policy().site(code).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No site '" + code + "' in policy version " + snapshot.policyVersion()
                        + "; sites are declared in the policy (PUT /api/v1/policy)."));
    }

    private static SiteReport toReport(String code, OnboardingRequest request) {
        Map<String, Version> versions = new LinkedHashMap<>();
        request.versions().forEach((app, version) -> versions.put(app, Version.parse(version)));
        Map<String, DoctypeMeta> doctypes = new LinkedHashMap<>();
        request.doctypes().forEach((doctype, meta) -> doctypes.put(doctype,
                new DoctypeMeta(meta.metaHash(), meta.externalIdField())));
        return new SiteReport(code, versions, doctypes);
    }

    private static SiteView view(Site site, PolicySnapshot snapshot) {
        Map<String, String> declaredVersions = new LinkedHashMap<>();
        site.declaredVersions().forEach((app, version) -> declaredVersions.put(app, version.text()));
        StoredReport stored = snapshot.reports().get(site.code());
        SiteView.Onboarding onboarding = null;
        if (stored != null) {
            Map<String, String> versions = new LinkedHashMap<>();
            stored.report().versions().forEach((app, version) -> versions.put(app, version.text()));
            onboarding = new SiteView.Onboarding(versions, stored.report().doctypes(), stored.recordedBy(),
                    stored.recordedAt());
        }
        return new SiteView(site.code(), site.name(), site.baseUrl(), site.status().label(), declaredVersions,
                site.webhookCidrs(), site.contacts(), site.credentialsSecret(), onboarding);
    }
}
