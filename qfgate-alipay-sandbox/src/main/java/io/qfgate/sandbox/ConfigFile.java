package io.qfgate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qfgate.protocol.alipay.MapiSignature;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The file {@code main} reads (the gateway's bootstrap writes it):
 * {@code {"partners":[{"partner_id":"2088…","md5_key":"…","rsa_public_key":"MIIB…","merchant_name":"…"}],
 * "public_base_url":"http://localhost:8090","alipay_private_key":"MIIE…"}}; {@code rsa_public_key},
 * {@code public_base_url} and {@code alipay_private_key} (PKCS#8, the key the sandbox signs with
 * as Alipay for RSA2 partners) are optional. Everything else takes {@link SandboxConfig#defaults}.
 */
final class ConfigFile {
    private ConfigFile() {}

    static SandboxConfig read(Path file, Clock clock) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        JsonNode list = root.path("partners");
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException(file + ": \"partners\" must be a non-empty array");
        }
        List<Partner> partners = new ArrayList<>();
        for (JsonNode p : list) {
            partners.add(new Partner(text(p, "partner_id", file), text(p, "md5_key", file),
                    p.hasNonNull("rsa_public_key") ? p.get("rsa_public_key").asText() : null,
                    text(p, "merchant_name", file)));
        }
        SandboxConfig config = SandboxConfig.defaults(clock, partners);
        if (root.hasNonNull("alipay_private_key")) {
            config = config.withAlipayKeys(keyPair(root.get("alipay_private_key").asText()));
        }
        return root.hasNonNull("public_base_url") ? config.withPublicBaseUrl(root.get("public_base_url").asText())
                : config;
    }

    /** The pair of an RSA private key: its public half is in the PKCS#8 key itself (modulus, exponent). */
    static KeyPair keyPair(String privateKeyBase64) {
        PrivateKey key = MapiSignature.privateKey(privateKeyBase64);
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("alipay_private_key must be an RSA key with its CRT parameters");
        }
        try {
            PublicKey pub = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new KeyPair(pub, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("alipay_private_key has no usable public half", e);
        }
    }

    private static String text(JsonNode partner, String field, Path file) {
        JsonNode value = partner.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": every partner needs a text \"" + field + "\"");
        }
        return value.asText();
    }
}
