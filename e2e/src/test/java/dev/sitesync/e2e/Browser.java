package dev.sitesync.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * One headless Chromium for a test class: Debian's {@code chromium} and {@code chromium-driver}, never a browser
 * download. On a machine without them the set-up installs them with apt-get when it runs as root (a fresh CI machine);
 * otherwise it fails saying what to install: browser tests are never skipped.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A laptop's screen. */
    static final int WIDTH = 1366;
    static final int HEIGHT = 900;
    /** Generous for a loaded 2-core machine: a wait ends as soon as its condition holds. */
    static final Duration PATIENCE = Duration.ofSeconds(90);

    private final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() {
        ensureInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("console-browser-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // a closed network: no background connections, no component or sync downloads
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile,
                "--window-size=" + WIDTH + "," + HEIGHT, "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
        return new Browser(driver, profile);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement await(By locator) {
        return until(d -> {
            List<WebElement> found = d.findElements(locator);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    <T> T until(ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(250)).ignoring(
                    org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            String page = driver.findElements(By.tagName("body")).stream().map(WebElement::getText).findFirst()
                    .orElse("(no body)");
            throw new AssertionError("Waited " + PATIENCE.toSeconds() + " s in vain on " + driver.getCurrentUrl()
                    + ", which shows: " + page.substring(0, Math.min(page.length(), 1500)), e);
        }
    }

    boolean present(By locator) {
        return !driver.findElements(locator).isEmpty();
    }

    String text(By locator) {
        return await(locator).getText();
    }

    /** axe-core's serious and critical violations of the page as it is now, each with the elements concerned. */
    List<String> seriousViolations() {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .analyze(driver);
        if (results.isErrored()) {
            throw new IllegalStateException("axe-core failed on " + driver.getCurrentUrl() + ": " + results.getErrorMessage());
        }
        return results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(rule -> describe(rule)).toList();
    }

    private static String describe(Rule rule) {
        return rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).limit(5).toList();
    }

    /** A PNG of the window into target/screenshots, and into {@code -Dsitesync.screenshots=DIR} when given. */
    Path screenshot(String name) {
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        try {
            Path target = Files.createDirectories(RunningStack.ROOT.resolve("e2e/target/screenshots"))
                    .resolve(name + ".png");
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            String published = System.getProperty("sitesync.screenshots");
            if (published != null && !published.isBlank()) {
                Path dir = Files.createDirectories(RunningStack.ROOT.resolve(published));
                Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var paths = Files.walk(profile)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }

    /**
     * Debian's Chromium and its driver, installed when missing and this process may (root with apt-get), with the
     * time it took printed; otherwise the failure says how to install them.
     */
    private static synchronized void ensureInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        boolean mayInstall = isRoot() && Files.isExecutable(Path.of("/usr/bin/apt-get"))
                && !"never".equals(System.getenv("SITESYNC_BROWSER_INSTALL"));
        if (!mayInstall) {
            throw new IllegalStateException("The console's browser tests need Debian's chromium and chromium-driver "
                    + "(/usr/bin/chromium, /usr/bin/chromedriver). Install them with 'sudo apt-get install -y chromium "
                    + "chromium-driver', or run the build as root, where the tests install them.");
        }
        long started = System.nanoTime();
        System.out.println("[browser] installing Debian's chromium and chromium-driver with apt-get");
        run(List.of("apt-get", "update", "-qq"));
        run(List.of("apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"));
        System.out.printf("[browser] installed in %.1f s%n", (System.nanoTime() - started) / 1e9);
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("apt-get finished but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
    }

    private static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes()).strip();
            return id.waitFor(10, TimeUnit.SECONDS) && "0".equals(uid);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().putAll(Map.of("DEBIAN_FRONTEND", "noninteractive"));
            Process process = builder.start();
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", command) + "' failed; install chromium and "
                        + "chromium-driver by hand and run the tests again");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing the browser", e);
        }
    }
}
