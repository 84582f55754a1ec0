package io.qfgate.server.browser;

import io.qfgate.server.TempDirs;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver. Both paths are given, so
 * Selenium Manager has nothing to look for and downloads nothing (there is no network here).
 * Each browser gets a fresh profile folder, removed on close.
 */
final class Chromium implements AutoCloseable {
    static final String BINARY = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";

    /** Safari on an iPhone, as a shopper's phone announces itself. */
    static final String IPHONE_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private Chromium(ChromeOptions options, Path profile) {
        this.profile = profile;
        for (String program : new String[] {BINARY, DRIVER}) {
            if (!Files.isExecutable(Path.of(program))) {
                TempDirs.delete(profile);
                throw new IllegalStateException(program + " is missing: the browser tests need Debian's chromium and"
                        + " chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)");
            }
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER);
        this.service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeDriver started;
        try {
            started = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            TempDirs.delete(profile);
            throw e;
        }
        this.driver = started;
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    /** A desktop browser with a window wide enough for the two-column cashier. */
    static Chromium desktop() {
        return desktop(1280, 900);
    }

    /** A desktop browser whose window is {@code width} x {@code height} pixels. */
    static Chromium desktop(int width, int height) {
        Path profile = TempDirs.create("qfgate-chromium");
        ChromeOptions options = baseOptions(profile);
        options.addArguments("--window-size=" + width + "," + height);
        return new Chromium(options, profile);
    }

    /** A phone: 390 x 844 CSS pixels, touch, Retina density and iPhone Safari's user agent. */
    static Chromium phone() {
        return phone(390, 844);
    }

    /** A phone of this many CSS pixels, e.g. 360 x 740 for the smallest the pages are made for. */
    static Chromium phone(int width, int height) {
        Path profile = TempDirs.create("qfgate-chromium");
        ChromeOptions options = baseOptions(profile);
        options.addArguments("--window-size=" + width + "," + height);
        options.setExperimentalOption("mobileEmulation", Map.of(
                "deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 3.0, "touch", true, "mobile", true),
                "userAgent", IPHONE_SAFARI));
        return new Chromium(options, profile);
    }

    private static ChromeOptions baseOptions(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--disable-extensions", "--disable-default-apps",
                "--lang=en-US", "--user-data-dir=" + profile.toAbsolutePath());
        return options;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            TempDirs.delete(profile);
        }
    }

    /**
     * Waits until {@code element} has left the page (a navigation or an htmx swap replaced it).
     * Selenium's stalenessOf expects a stale-element error; chromedriver sometimes answers "Node
     * with given id does not belong to the document" instead, which means the same thing.
     */
    static void untilGone(WebDriver driver, WebElement element) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }
}
