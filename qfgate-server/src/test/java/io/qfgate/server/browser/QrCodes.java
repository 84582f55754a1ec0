package io.qfgate.server.browser;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/** Reads the QR code a page shows, as a phone's camera would: with ZXing. */
final class QrCodes {
    private static final Map<DecodeHintType, Object> CAMERA = Map.of(
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.CHARACTER_SET, "UTF-8");
    /**
     * For a picture that is nothing but the code: about 1 in 100 of the sandbox's QR codes (it
     * depends on the random wallet token) defeat ZXing's finder-pattern detector although they
     * are valid, and every one of them reads when ZXing is told the picture is the bare code.
     */
    private static final Map<DecodeHintType, Object> BARE = Map.of(
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.PURE_BARCODE, Boolean.TRUE,
            DecodeHintType.CHARACTER_SET, "UTF-8");

    private QrCodes() {}

    /** The text of the QR in an {@code <img>}: its image bytes (a data: URI or an image URL). */
    static String fromImageSource(WebElement img) {
        String src = img.getDomProperty("src");
        if (src == null || src.isBlank()) {
            throw new AssertionError("the QR <img> has no src");
        }
        byte[] bytes;
        if (src.startsWith("data:")) {
            int comma = src.indexOf(',');
            if (comma < 0 || !src.substring(0, comma).endsWith(";base64")) {
                throw new AssertionError("the QR is not a base64 data URI: " + src.substring(0, Math.min(40, src.length())));
            }
            bytes = Base64.getDecoder().decode(src.substring(comma + 1));
        } else {
            bytes = fetch(src);
        }
        return decode(bytes);
    }

    /** The text of the QR as the browser drew it: a screenshot of the element. */
    static String fromScreenshot(WebElement img) {
        return decode(img.getScreenshotAs(OutputType.BYTES));
    }

    static String decode(byte[] image) {
        BufferedImage picture;
        try {
            picture = ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (picture == null) {
            throw new AssertionError("the QR image is not a readable picture (" + image.length + " bytes)");
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(picture)));
        try {
            return new MultiFormatReader().decode(bitmap, CAMERA).getText();
        } catch (ReaderException asCamera) {
            try {
                return new MultiFormatReader().decode(bitmap, BARE).getText();
            } catch (ReaderException asBareCode) {
                AssertionError failure = new AssertionError("no QR code readable in the " + picture.getWidth() + "x"
                        + picture.getHeight() + " picture", asBareCode);
                failure.addSuppressed(asCamera);
                throw failure;
            }
        }
    }

    private static byte[] fetch(String url) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("the QR image " + url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
