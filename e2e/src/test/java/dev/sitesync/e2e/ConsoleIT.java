package dev.sitesync.e2e;

import static dev.sitesync.e2e.RunningStack.item;
import static dev.sitesync.e2e.RunningStack.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.localstack.OpsApi;
import dev.sitesync.localstack.Scenario;
import dev.sitesync.localstack.Stack;
import dev.sitesync.localstack.StackPeople;
import dev.sitesync.localstack.StackSites;

/**
 * The operator console in a real browser (Debian's headless Chromium) on the shared stack: people sign in through
 * Keycloak, see a provoked conflict side by side and resolve it, retry a dead letter, approve an order commerce-guard
 * held for review, and an auditor sees every page and who decided what, and can act on nothing. Every page is checked with axe-core (no serious or critical violation). One browser for the
 * whole class; every wait is on a condition.
 */
@ExtendWith(SharedStack.class)
@Order(90)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    /** Every page of the console by its path, with its heading. */
    private static final Map<String, String> PAGES = Map.of("", "Overview", "conflicts", "Conflicts", "failures",
            "Dead letters and parked deliveries", "audit", "Audit log", "policy", "Ownership policy", "reviews",
            "Review queue", "sites", "Readiness and reconciliation");

    private static RunningStack world;
    private static Browser browser;
    private static String console;
    private static long started;
    private static final List<String> violations = new ArrayList<>();
    /** What the sync admin decided, for the auditor to find. */
    private static String conflictReason;
    private static String deadLetterReason;
    private static long deadLetterId;
    private static String heldOrder;
    private static String reviewComment;

    @BeforeAll
    static void openBrowser() {
        world = SharedStack.get();
        console = world.stack.consoleUrl();
        started = System.nanoTime();
        browser = Browser.start();
        System.out.printf("[console] browser ready after %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        System.out.printf("[console] browser tests took %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    @Test
    @Order(1)
    void aSyncAdminSignsInThroughKeycloakAndSeesEachSitesStateQueuesCircuitsAndCharts() {
        signIn(StackPeople.SYNC_ADMIN);

        assertThat(browser.text(By.cssSelector(".who .roles"))).contains("sre", "sync-admin");
        for (String site : StackSites.CODES) {
            WebElement card = browser.await(By.cssSelector("section[aria-labelledby='site-" + site + "']"));
            assertThat(card.getText()).contains("Apply queue", "Outbox", "Conflicts", "Dead letters", "Last success");
            assertThat(card.findElements(By.cssSelector(".badge"))).hasSize(1);
        }
        // the charts draw the workers' metrics the console reads every few seconds
        browser.until(d -> {
            d.navigate().refresh();
            return d.findElements(By.cssSelector("section[aria-labelledby='site-north'] polyline")).size() == 2;
        });
        checkAccessibility("overview");
    }

    @Test
    @Order(2)
    void aConflictProvokedOnNorthIsShownSideBySideResolvedGoneAndAudited() throws Exception {
        String code = "CONSOLE-C-" + unique();
        provokeConflict(code);

        // the overview counts it on north, which needs attention
        browser.open(console);
        browser.until(d -> {
            d.navigate().refresh();
            // "1 conflict to resolve", or more when earlier tests left some open
            return d.findElement(By.cssSelector("section[aria-labelledby='site-north']")).getText()
                    .matches("(?s).*\\d+ conflicts? to resolve.*");
        });
        browser.screenshot("console-overview");

        browser.open(console + "conflicts?site=north&doctype=Item");
        WebElement conflict = browser.until(d -> {
            List<WebElement> found = d.findElements(By.xpath("//article[contains(@class,'conflict')][.//h3[contains(.,'"
                    + code + "')]]"));
            if (found.isEmpty()) {
                d.navigate().refresh();
                return null;
            }
            return found.get(0);
        });
        String id = conflict.getAttribute("id").replace("conflict-north-", "");
        List<String> differing = conflict.findElements(By.cssSelector("tr.differs th")).stream()
                .map(cell -> cell.getText().replace(" differs", "")).toList();
        assertThat(differing).contains("item_name", "description");
        assertThat(conflict.getText()).contains("North's own words", "Owner's second words", "Administrator");
        checkAccessibility("conflicts");
        browser.screenshot("console-conflict");

        conflictReason = "the catalogue of the owner wins " + unique();
        conflict.findElement(By.id("accept-north-" + id)).click();
        conflict.findElement(By.id("reason-north-" + id)).sendKeys(conflictReason);
        conflict.findElement(By.cssSelector("button[type=submit]")).click();

        assertThat(browser.text(By.id("outcome"))).contains("Done", "Conflict " + id, "ada",
                "accepted the owner's version");
        assertThat(browser.present(By.id("conflict-north-" + id))).as("gone from the open conflicts").isFalse();
        assertThat(browser.text(By.cssSelector("section[aria-labelledby='conflicts-north']"))).contains(conflictReason);
        checkAccessibility("conflicts after resolving");
        await().atMost(PATIENCE).until(() -> north().get("Item", code).await().atMost(RunningStack.CALL)
                .path("item_name").asText().equals("Owner's second words"));
        assertThat(world.workerCount(StackSites.NORTH, "select count(*) from sync_log where status = "
                + "'CONFLICT_RESOLVED' and detail = 'conflict " + id + " accept-source by ada: " + conflictReason + "'"))
                .as("the decision is in north's audit log with who and why").isEqualTo(1);
    }

    @Test
    @Order(3)
    void aDeadLetterIsRetriedWithAReasonOnceItsCauseIsFixedAndApplies() throws Exception {
        String uom = "Crate " + unique();
        String code = "CONSOLE-DL-" + unique();
        deliverToSouth(code, uom);

        browser.open(console + "failures?site=south&doctype=Item");
        WebElement row = browser.until(d -> {
            List<WebElement> found = d.findElements(By.xpath("//tr[starts-with(@id,'dead-letter-south-')][contains(.,'"
                    + code + "')]"));
            if (found.isEmpty()) {
                d.navigate().refresh();
                return null;
            }
            return found.get(0);
        });
        assertThat(row.getText()).contains("FIX_AT_SOURCE", "refused by south");
        deadLetterId = Long.parseLong(row.getAttribute("id").replace("dead-letter-south-", ""));
        checkAccessibility("dead letters");

        // a reason is required: the worker refuses a blank one and the page says why
        Map<String, Object> blank = post("failures/south/dead-letters/" + deadLetterId, "action=retry&reason=%20");
        assertThat(blank.get("status")).isEqualTo(400L);
        assertThat((String) blank.get("text")).contains("refused", "reason");

        // fixed at the source: the UOM is made on its owner and reaches south
        world.site(StackSites.CENTRAL).insert("UOM", object().put("uom_name", uom)).await().atMost(RunningStack.CALL);
        await().atMost(PATIENCE).until(() -> world.count(StackSites.SOUTH, "UOM", Filter.eq("name", uom)) == 1);

        deadLetterReason = "UOM now synchronized " + unique();
        browser.open(console + "failures?site=south&doctype=Item");
        WebElement form = browser.await(By.cssSelector("#dead-letter-south-" + deadLetterId + " form"));
        form.findElement(By.name("reason")).sendKeys(deadLetterReason);
        form.findElement(By.cssSelector("button[value=retry]")).click();

        assertThat(browser.text(By.id("outcome"))).contains("Done", "Dead letter " + deadLetterId, "retried", "ada");
        assertThat(browser.present(By.id("dead-letter-south-" + deadLetterId))).isFalse();
        await().atMost(PATIENCE).until(() -> world.count(StackSites.SOUTH, "Item", Filter.eq("name", code)) == 1);
        assertThat(world.workerCount(StackSites.SOUTH, "select count(*) from sync_log where status = "
                + "'DEAD_LETTER_RETRIED' and detail = 'dead letter " + deadLetterId + " by ada: " + deadLetterReason
                + "'")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void anOrderReviewerOpensAHighValueOrderTheGuardHeldAndApprovesItWithAComment() throws Exception {
        String salesOrder = placeHighValueOrder("CONSOLE-HV-" + unique());
        signOut();
        signIn(StackPeople.ORDER_REVIEWER);

        browser.open(console + "reviews?site=central");
        WebElement row = browser.until(d -> {
            List<WebElement> found = d.findElements(By.xpath("//tr[.//a[normalize-space()='" + salesOrder + "']]"));
            if (found.isEmpty()) {
                d.navigate().refresh();
                return null;
            }
            return found.get(0);
        });
        assertThat(row.getText()).contains("high-value", "not paid yet");
        checkAccessibility("review queue");

        row.findElement(By.linkText(salesOrder)).click();
        WebElement comment = browser.await(By.id("review-comment"));
        heldOrder = browser.driver().getCurrentUrl().replaceAll(".*/reviews/", "");
        assertThat(browser.text(By.tagName("main"))).contains("high-value", "service-account-storefront",
                "The findings that held it");
        checkAccessibility("held order");
        browser.screenshot("console-review");

        reviewComment = "the customer confirmed the quantity by phone " + unique();
        comment.sendKeys(reviewComment);
        browser.driver().findElement(By.cssSelector("button[value=approve]")).click();

        assertThat(browser.text(By.id("outcome"))).contains("Done", "Order " + salesOrder, "approved by oren");
        assertThat(browser.text(By.tagName("main"))).contains("approved by oren", reviewComment);
        assertThat(browser.present(By.id("review-comment"))).as("decided once: no form any more").isFalse();
        browser.open(console + "reviews?site=central");
        assertThat(browser.present(By.linkText(salesOrder))).as("gone from the queue").isFalse();
        JsonNode review = world.api.get(guardUrl() + "/api/v1/reviews/" + heldOrder, RunningStack.SRE).path("order")
                .path("review");
        assertThat(review.path("outcome").asText()).isEqualTo("APPROVED");
        assertThat(review.path("reviewer").asText()).as("the guard names the person, from their own token")
                .isEqualTo("oren");
        assertThat(review.path("comment").asText()).isEqualTo(reviewComment);
    }

    @Test
    @Order(10)
    void anAuditorSeesEveryPageAndWhoDecidedWhatButCanActOnNothing() {
        signOut();
        signIn(StackPeople.AUDITOR);

        PAGES.forEach((page, heading) -> {
            browser.open(console + page);
            // every service shows the auditor what the page asks for (one slow to answer on a loaded machine blanks
            // its part of the page, with a warning, until the page is loaded again)
            browser.until(d -> {
                boolean whole = d.findElements(By.cssSelector(".notice.warning, .notice.error")).isEmpty();
                if (!whole) {
                    d.navigate().refresh();
                }
                return whole;
            });
            assertThat(browser.text(By.tagName("h1"))).isEqualTo(heading);
            assertThat(browser.driver().findElements(By.cssSelector("form[method=post]")))
                    .as("no action is offered on /" + page).isEmpty();
            checkAccessibility("auditor /" + page);
        });
        browser.open(console);
        assertThat(browser.text(By.cssSelector("section[aria-labelledby='decisions']"))).contains("ada",
                conflictReason, deadLetterReason);
        browser.open(console + "policy");
        assertThat(browser.text(By.tagName("main"))).contains("In force: version", "owner");
        browser.open(console + "reviews/" + heldOrder);
        assertThat(browser.text(By.tagName("main"))).contains("approved by oren", reviewComment);

        // the audit log, searched as an auditor does: the conflict's resolution with who and why
        browser.open(console + "audit");
        new Select(browser.await(By.id("audit-site"))).selectByValue("north");
        browser.driver().findElement(By.id("audit-doctype")).sendKeys("Item");
        new Select(browser.driver().findElement(By.id("audit-status")))
                .selectByValue("CONFLICT_RESOLVED");
        browser.driver().findElement(By.cssSelector("form.search button[type=submit]")).click();
        assertThat(browser.text(By.id("audit-entries"))).contains("CONFLICT_RESOLVED", "by ada: " + conflictReason);
        checkAccessibility("auditor's search");
        browser.open(console + "audit/verify?site=north");
        assertThat(browser.text(By.id("verification-result"))).contains("intact");

        // the page offers nothing; a forged request reaches the worker, which refuses the auditor's token
        Map<String, Object> forged = post("failures/south/dead-letters/" + deadLetterId, "action=discard&reason=forged");
        assertThat(forged.get("status")).isEqualTo(403L);
        assertThat((String) forged.get("text")).contains("The worker of south refused");
        assertThat(violations).as("axe-core's serious and critical violations").isEmpty();
    }

    private static void signIn(StackPeople.Person person) {
        browser.open(console);
        browser.await(By.id("username")).sendKeys(person.username());
        browser.driver().findElement(By.id("password")).sendKeys(person.password());
        browser.driver().findElement(By.id("kc-login")).click();
        browser.until(d -> d.findElements(By.id("signed-in-as")).stream()
                .anyMatch(name -> name.getText().equals(person.username())));
    }

    private static void signOut() {
        browser.await(By.linkText("Sign out")).click();
        browser.until(d -> d.findElements(By.tagName("h1")).stream().anyMatch(h -> h.getText().equals("Signed out")));
    }

    private static void checkAccessibility(String page) {
        List<String> found = browser.seriousViolations();
        found.forEach(violation -> violations.add(page + ": " + violation));
        assertThat(found).as("axe-core on " + page).isEmpty();
    }

    /** A form post from the page itself (same origin, the person's session), as a forged or hand-made one would be. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> post(String path, String form) {
        return (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded',
                    'Accept': 'text/html'}, body: arguments[1]})
                  .then(r => r.text().then(t => done({status: r.status, text: t})))
                  .catch(e => done({status: -1, text: String(e)}));""", "/console/" + path, form);
    }

    /**
     * An order above the guard's high-value threshold (500,000 in the company's currency) placed by the storefront
     * through the gateway for a customer of north, its item stocked and priced on central: the guard creates it on
     * central as a draft held for review.
     */
    private static String placeHighValueOrder(String code) throws Exception {
        String customerName = "Console customer " + code;
        north().insert("Customer", object().put("customer_name", customerName).put("customer_type", "Company")
                .put("customer_group", "All Customer Groups").put("territory", "North")).await().atMost(RunningStack.CALL);
        FrappeClient central = world.site(StackSites.CENTRAL);
        central.insert("Item", item(code, "Pallet of mugs")).await().atMost(RunningStack.CALL);
        central.insert("Item Price", object().put("item_code", code).put("price_list", "Standard Selling")
                .put("price_list_rate", 20)).await().atMost(RunningStack.CALL);
        central.insert("Bin", object().put("item_code", code).put("warehouse", StackSites.WAREHOUSE)
                .put("actual_qty", 100_000).put("valuation_rate", 5).put("stock_uom", "Nos"))
                .await().atMost(RunningStack.CALL);
        // the customer is north's; central knows it once north's worker has sent it
        String customer = await().atMost(PATIENCE).until(() -> central.list(ListQuery.of("Customer").fields("name")
                .where(Filter.eq("customer_name", customerName))).await().atMost(RunningStack.CALL).stream()
                .map(found -> found.path("name").asText()).findFirst().orElse(null), Objects::nonNull);
        ObjectNode request = Scenario.storefrontOrder(customer, code, 25_000);
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(world.stack.gatewayUrl() + "/api/v1/orders")).timeout(RunningStack.CALL)
                .header("Authorization", "Bearer " + world.token("storefront"))
                .header("Content-Type", "application/json").header("Idempotency-Key", code)
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode answer = new ObjectMapper().readTree(created.body());
        assertThat(answer.path("verdict").asText()).as(created.body()).isEqualTo("REVIEW");
        assertThat(answer.path("salesOrder").path("heldForReview").asBoolean()).isTrue();
        return answer.path("salesOrder").path("name").asText();
    }

    private static String guardUrl() {
        return world.stack.service(Stack.GUARD).url();
    }

    /** An item made on central, edited on north by a person, then changed on central: a conflict on north. */
    private static void provokeConflict(String code) {
        FrappeClient central = world.site(StackSites.CENTRAL);
        central.insert("Item", item(code, "Owner's first words")).await().atMost(RunningStack.CALL);
        await().atMost(PATIENCE).until(() -> world.count(StackSites.NORTH, "Item", Filter.eq("item_code", code)) == 1);
        north().update("Item", code, object().put("description", "North's own words")).await().atMost(RunningStack.CALL);
        central.update("Item", code, object().put("item_name", "Owner's second words")).await().atMost(RunningStack.CALL);
    }

    private static FrappeClient north() {
        return world.site(StackSites.NORTH);
    }

    /** An item south refuses (its stock UOM does not exist there): a dead letter to fix at the source. */
    private static void deliverToSouth(String code, String uom) throws java.security.NoSuchAlgorithmException {
        String central = RunningStack.workerClient(StackSites.CENTRAL);
        OpsApi.Answer resolved = world.api.call("POST", world.identityUrl() + "/api/v1/identities/resolve",
                "{\"items\": [{\"site\": \"central\", \"doctype\": \"Item\", \"localName\": \"" + code
                        + "\"}], \"assign\": true}",
                central);
        String externalId = resolved.body().path("results").path(0).path("externalId").asText();
        JsonNode envelope = object().put("externalId", externalId).put("doctype", "Item").put("sourceSite", "central")
                .put("sourceName", code).put("targetSite", "south").put("version", "2030-01-01 00:00:01")
                .put("contentHash", sha256(code)).put("operation", "UPSERT")
                .put("policyVersion", 1).set("payload", item(code, "Crated").put("stock_uom", uom));
        OpsApi.Answer delivered = world.api.call("POST", world.workerUrl(StackSites.SOUTH) + "/internal/v1/envelopes",
                envelope.toString(), central);
        assertThat(delivered.status()).as(String.valueOf(delivered.body())).isEqualTo(202);
    }

    private static String sha256(String text) throws java.security.NoSuchAlgorithmException {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
