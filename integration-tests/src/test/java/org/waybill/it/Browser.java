package org.waybill.it;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.waybill.stack.AppUser;
import org.waybill.stack.SystemTool;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver; WAYBILL_CHROMIUM and WAYBILL_CHROMEDRIVER name
 * others) on the screens of the WildFly under test. Screenshots go to target/screenshots, or to the folder named by
 * -Dwaybill.it.screenshots (e.g. docs/screenshots, to refresh the README's pictures).
 */
final class Browser implements AutoCloseable {
    static final SystemTool CHROMIUM = SystemTool.of("/usr/bin/chromium", "WAYBILL_CHROMIUM", "chromium");
    static final SystemTool CHROMEDRIVER = SystemTool.of("/usr/bin/chromedriver", "WAYBILL_CHROMEDRIVER", "chromium-driver");
    /** The screens over HTTPS, as users are meant to open them. */
    private static final String BASE = System.getProperty("waybill.it.screens");

    private final WebDriver driver;
    private final Path profile;

    Browser() throws IOException {
        profile = Files.createTempDirectory("waybill-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.path().toFile());
        // Headless, and nothing that reaches for the internet: this machine's network is closed. The test stack's
        // certificate is the launcher's self-signed one, which this fresh profile has no way to trust.
        options.addArguments("--ignore-certificate-errors","--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1440,1000", "--no-first-run", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
        // The console is read after each test: a script or style the Content-Security-Policy blocked shows there.
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.path().toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a page of the application (a path below /waybill). */
    Browser open(String path) {
        driver.get(BASE + path);
        return this;
    }

    /** Signs in on the login page the application shows when a page needs a user. */
    Browser signIn(AppUser user) {
        await(d -> !d.findElements(By.id("username")).isEmpty());
        driver.findElement(By.id("username")).sendKeys(user.name());
        driver.findElement(By.id("password")).sendKeys(user.password());
        driver.findElement(By.id("signIn")).click();
        return this;
    }

    Browser signOut() {
        driver.findElement(By.id("signOut")).click();
        await(d -> !d.findElements(By.id("username")).isEmpty());
        return this;
    }

    /** What the browser's console reported about the Content-Security-Policy since the last call: blocked content. */
    java.util.List<String> policyViolations() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).toList();
    }

    WebElement find(String id) {
        return await(d -> d.findElements(By.id(id)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /**
     * Waits for the condition (a page loading, a poll updating); fails after 90 s. An element replaced by an Ajax
     * update while the condition read it only means "not yet".
     */
    <T> T await(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(90), Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Waits until no PrimeFaces Ajax request is under way. */
    void settle() {
        await(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete' && (!window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty())")));
    }

    /** A PNG of the whole page as it is now (the window grows to the page's height for it). */
    void screenshot(String name) {
        settle();
        Path folder = Path.of(System.getProperty("waybill.it.screenshots", "target/screenshots"));
        Dimension window = driver.manage().window().getSize();
        try {
            for (int i = 0; i < 3; i++) { // the page may grow as it lays out at the new size (charts)
                long height = (Long) ((org.openqa.selenium.JavascriptExecutor) driver)
                        .executeScript("return document.documentElement.scrollHeight");
                driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.max(window.getHeight(), height)));
                Thread.sleep(300);
            }
            Files.createDirectories(folder);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
