package dev.sitesync.e2e;

import static dev.sitesync.e2e.RunningStack.item;
import static dev.sitesync.e2e.RunningStack.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

import com.fasterxml.jackson.databind.JsonNode;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.localstack.OpsApi;
import dev.sitesync.localstack.StackPeople;
import dev.sitesync.localstack.StackSites;

/**
 * The operator console in a real browser (Debian's headless Chromium) on the shared stack: people sign in through
 * Keycloak, see a provoked conflict side by side and resolve it, retry a dead letter, and an auditor sees every page
 * and can act on nothing. Every page is checked with axe-core (no serious or critical violation). One browser for the
 * whole class; every wait is on a condition.
 */
@ExtendWith(SharedStack.class)
@Order(90)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final List<String> PAGES = List.of("", "conflicts", "failures", "audit", "policy", "reviews",
            "sites");

    private static RunningStack world;
    private static Browser browser;
    private static String console;
    private static long started;
    private static final List<String> violations = new ArrayList<>();
    /** What the sync admin decided, for the auditor to find. */
    private static String conflictReason;
    private static String deadLetterReason;
    private static long deadLetterId;

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
            return d.findElement(By.cssSelector("section[aria-labelledby='site-north']")).getText()
                    .contains("conflict to resolve");
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
    @Order(10)
    void anAuditorSeesEveryPageAndWhoDecidedWhatButCanActOnNothing() {
        signOut();
        signIn(StackPeople.AUDITOR);

        for (String page : PAGES) {
            browser.open(console + page);
            browser.await(By.tagName("h1"));
            assertThat(browser.driver().findElements(By.cssSelector("form[method=post]")))
                    .as("no action is offered on /" + page).isEmpty();
            checkAccessibility("auditor /" + page);
        }
        browser.open(console);
        assertThat(browser.text(By.cssSelector("section[aria-labelledby='decisions']"))).contains("ada",
                conflictReason, deadLetterReason);
        browser.open(console + "policy");
        assertThat(browser.text(By.tagName("main"))).contains("In force: version", "owner");
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
