package io.qfgate.server.ops;

/** What a fresh gateway prints and writes to {@code <data>/demo-credentials.json}. */
public record DemoCredentials(Merchant merchant, Agent agent) {
    public record Merchant(String app_code, String client_key) {}

    public record Agent(String app_code, String client_key, String mchid) {}
}
