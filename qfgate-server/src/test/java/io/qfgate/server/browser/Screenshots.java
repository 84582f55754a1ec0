package io.qfgate.server.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A PNG of every page a journey visits, under {@code target/screenshots/<journey>/<nn>-<page>.png},
 * so a person can look at what the shopper saw. The whole page is captured, not just the
 * viewport.
 */
final class Screenshots {
    static final Path ROOT = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    private final ChromeDriver driver;
    private final Path dir;
    private int count;

    /** Starts the journey's folder afresh, so no picture of an earlier run is left in it. */
    Screenshots(ChromeDriver driver, String journey) {
        this.driver = driver;
        this.dir = ROOT.resolve(journey);
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    old.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the page in the current window as {@code <nn>-<page>.png} and returns its path. */
    Path take(String page) {
        count++;
        Path file = dir.resolve(String.format("%02d-%s.png", count, page));
        try {
            Files.write(file, fullPage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private byte[] fullPage() {
        try {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
            @SuppressWarnings("unchecked")
            Map<String, Object> viewport = (Map<String, Object>) metrics.get("cssLayoutViewport");
            double width = Math.max(number(content.get("width")), number(viewport.get("clientWidth")));
            double height = Math.max(number(content.get("height")), number(viewport.get("clientHeight")));
            Map<String, Object> clip = new LinkedHashMap<>();
            clip.put("x", 0);
            clip.put("y", 0);
            clip.put("width", width);
            clip.put("height", height);
            clip.put("scale", 1);
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
            return Base64.getDecoder().decode((String) shot.get("data"));
        } catch (WebDriverException | ClassCastException | NullPointerException e) {
            return driver.getScreenshotAs(OutputType.BYTES); // the viewport, if the page cannot be measured
        }
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
