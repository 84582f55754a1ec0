package io.qfgate.server.web.checkstand;

import java.util.regex.Pattern;

/**
 * Phone or desktop, for the wallet's WAP or web flow. A phone says so in its user agent
 * ({@code Mobi}, {@code Android}, {@code iPhone}, {@code iPod}) or its client hint
 * ({@code Sec-CH-UA-Mobile: ?1}); the page's script adds the viewport width ({@code vw}) to the
 * wallet form, and a window narrower than {@link #PHONE_MAX_WIDTH} CSS pixels counts as a phone
 * too (a desktop browser in a phone-sized window gets the flow that fits it).
 */
final class Device {
    static final int PHONE_MAX_WIDTH = 767;
    private static final Pattern PHONE_AGENT = Pattern.compile("Mobi|Android|iPhone|iPod");

    private Device() {}

    static boolean isPhone(String userAgent, String mobileHint, String viewportWidth) {
        if ("?1".equals(mobileHint)) {
            return true;
        }
        if (userAgent != null && PHONE_AGENT.matcher(userAgent).find()) {
            return true;
        }
        return viewportWidth != null && viewportWidth.matches("\\d{1,5}")
                && Integer.parseInt(viewportWidth) <= PHONE_MAX_WIDTH;
    }
}
