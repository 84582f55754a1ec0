package io.qfgate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The file {@code main} reads (the gateway's bootstrap writes it):
 * {@code {"partners":[{"partner_id":"2088…","md5_key":"…","rsa_public_key":"MIIB…","merchant_name":"…"}],
 * "public_base_url":"http://localhost:8090"}}; {@code rsa_public_key} and
 * {@code public_base_url} are optional. Everything else takes {@link SandboxConfig#defaults}.
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
        return root.hasNonNull("public_base_url") ? config.withPublicBaseUrl(root.get("public_base_url").asText())
                : config;
    }

    private static String text(JsonNode partner, String field, Path file) {
        JsonNode value = partner.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": every partner needs a text \"" + field + "\"");
        }
        return value.asText();
    }
}
