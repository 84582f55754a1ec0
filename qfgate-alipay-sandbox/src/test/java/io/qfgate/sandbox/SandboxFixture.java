package io.qfgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.javalin.Javalin;
import io.qfgate.protocol.FormEncoding;
import io.qfgate.protocol.alipay.MapiSignature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A sandbox mounted under {@code /alipay-sandbox} of a Javalin on a random port, with a test
 * clock, and the calls a merchant's server and a shopper's browser make.
 */
abstract class SandboxFixture {
    static final String PREFIX = "/alipay-sandbox";
    static final String PARTNER = "2088000000000088";
    static final String KEY = "sandbox0md5key0for0tests00000001";
    static final String RSA_PARTNER = "2088000000000099";
    static final String RSA_PARTNER_KEY = "sandbox0md5key0for0tests00000002";
    static final KeyPair RSA_KEYS = rsaKeys();

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T04:00:00Z"));
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    AlipaySandbox sandbox;
    Javalin app;
    String base;
    private int orders;

    SandboxConfig config() {
        return SandboxConfig.defaults(clock, List.of(
                new Partner(PARTNER, KEY, null, "Demo Merchant"),
                new Partner(RSA_PARTNER, RSA_PARTNER_KEY,
                        Base64.getEncoder().encodeToString(RSA_KEYS.getPublic().getEncoded()), "RSA Merchant")));
    }

    @BeforeEach
    void startSandbox() {
        sandbox = new AlipaySandbox(config());
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.concurrency.useVirtualThreads = true;
            sandbox.mount(cfg.routes, PREFIX);
        }).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stopSandbox() {
        app.stop();
        sandbox.close();
        http.close();
    }

    // ---- requests -------------------------------------------------------------------------

    String gateway() {
        return base + PREFIX + "/gateway.do";
    }

    /** The parameters plus partner, charset and an MD5 signature with the test key. */
    static Map<String, String> signed(Map<String, String> params) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("partner", PARTNER);
        p.put("_input_charset", "UTF-8");
        p.putAll(params);
        p.put("sign", MapiSignature.md5(p, KEY));
        p.put("sign_type", "MD5");
        return p;
    }

    /** A fresh create_forex_trade order for HKD 3.00, with the fields the gateway sends. */
    Map<String, String> order(String... overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("service", "create_forex_trade");
        p.put("out_trade_no", "2026030112000000000000" + String.format("%04d", ++orders));
        p.put("subject", "Cup of coffee");
        p.put("total_fee", "3.00");
        p.put("currency", "HKD");
        p.put("notify_url", "http://127.0.0.1:9/unused");
        p.put("return_url", "https://merchant.example/done?shop=1");
        p.put("product_code", "NEW_OVERSEAS_SELLER");
        p.put("order_valid_time", "1800");
        p.put("secondary_merchant_id", "M100");
        p.put("secondary_merchant_name", "Coffee Corner");
        p.put("secondary_merchant_industry", "5812");
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                p.remove(overrides[i]);
            } else {
                p.put(overrides[i], overrides[i + 1]);
            }
        }
        return p;
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    HttpResponse<String> getGateway(Map<String, String> params) {
        return get(gateway() + "?" + form(params));
    }

    HttpResponse<String> post(String url, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> params) {
        return FormEncoding.encode(params);
    }

    static Map<String, String> queryOf(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    // ---- the shopper ----------------------------------------------------------------------

    /** Opens the cashier for the order and reads the wallet URL out of its QR code. */
    String walletUrlOf(Map<String, String> orderParams) {
        HttpResponse<String> cashier = getGateway(signed(orderParams));
        assertThat(cashier.statusCode()).as(cashier.body()).isEqualTo(200);
        return decodeQr(cashier.body());
    }

    HttpResponse<String> pay(String walletUrl, String buyer) {
        return post(path(walletUrl) + "/pay", Map.of("buyer", buyer, "lang", "en"));
    }

    /** The wallet URL without its query: the base of the wallet's pay/cancel routes. */
    static String path(String walletUrl) {
        int q = walletUrl.indexOf('?');
        return q < 0 ? walletUrl : walletUrl.substring(0, q);
    }

    static String decodeQr(String html) {
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        assertThat(m.find()).as("a PNG QR code in the page").isTrue();
        try {
            var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            // The page's QR is a clean, unrotated image: PURE_BARCODE reads it where ZXing's
            // general detector misses about one random code in a hundred.
            return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        } catch (IOException | NotFoundException e) {
            throw new AssertionError("the QR code does not decode", e);
        }
    }

    // ---- the merchant's server --------------------------------------------------------------

    /** A MAPI XML answer: is_success, error, and the fields of the response element. */
    record Answer(String isSuccess, String error, Map<String, String> fields, String sign) {
        boolean signedBy(String key) {
            return MapiSignature.verifyMd5(fields, key, sign);
        }
    }

    static Answer parse(String xml) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Element root = doc.getDocumentElement();
            Map<String, String> fields = new LinkedHashMap<>();
            NodeList responses = root.getElementsByTagName("response");
            if (responses.getLength() > 0) {
                leaves(firstElement(responses.item(0).getChildNodes()), fields);
            }
            return new Answer(text(root, "is_success"), text(root, "error"), fields, text(root, "sign"));
        } catch (Exception e) {
            throw new AssertionError("not MAPI XML: " + xml, e);
        }
    }

    /** The leaf fields at any depth, as the customs query nests its record. */
    private static void leaves(Node parent, Map<String, String> fields) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e) {
                if (e.getElementsByTagName("*").getLength() > 0) {
                    leaves(e, fields);
                } else {
                    fields.put(e.getTagName(), e.getTextContent());
                }
            }
        }
    }

    private static Node firstElement(NodeList nodes) {
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element) {
                return nodes.item(i);
            }
        }
        throw new AssertionError("empty response element");
    }

    private static String text(Element root, String tag) {
        NodeList list = root.getElementsByTagName(tag);
        return list.getLength() == 0 ? null : list.item(0).getTextContent();
    }

    Answer call(Map<String, String> params) {
        HttpResponse<String> response = getGateway(signed(params));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("xml"));
        return parse(response.body());
    }

    Answer query(String outTradeNo) {
        return call(Map.of("service", "single_trade_query", "out_trade_no", outTradeNo));
    }

    private static KeyPair rsaKeys() {
        return AlipaySigner.newKeys();
    }
}
