package io.qfgate.server.ops;

/**
 * What a fresh gateway prints and writes to {@code <data>/demo-credentials.json}: the demo apps'
 * API keys, and where and as whom to sign in to the merchant portal (the demo merchant's owner)
 * and the operator console.
 */
public record DemoCredentials(Merchant merchant, Agent agent, SignIn portal, SignIn operator) {
    public record Merchant(String app_code, String client_key) {}

    public record Agent(String app_code, String client_key, String mchid) {}

    public record SignIn(String url, String username, String password) {}
}
