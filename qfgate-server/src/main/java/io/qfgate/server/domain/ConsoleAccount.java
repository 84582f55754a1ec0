package io.qfgate.server.domain;

/**
 * Someone who signs in to a console. A portal user belongs to an app ({@code appId}): a merchant
 * app's user sees its merchant, an agent's user all its sub-merchants. An operator has no app,
 * role or refund limit (all null).
 */
public record ConsoleAccount(
        long id,
        ConsoleKind kind,
        String username,
        String passwordHash,
        Long appId,
        PortalRole role,
        Long refundLimit) {

    public static ConsoleAccount operator(long id, String username, String passwordHash) {
        return new ConsoleAccount(id, ConsoleKind.OPERATOR, username, passwordHash, null, null, null);
    }

    /** {@code refundLimit} in minor units, for a cashier; null for the other roles. */
    public static ConsoleAccount portalUser(long id, String username, String passwordHash, long appId, PortalRole role,
            Long refundLimit) {
        return new ConsoleAccount(id, ConsoleKind.PORTAL, username, passwordHash, appId, role, refundLimit);
    }

    public ConsoleAccount withId(long newId) {
        return new ConsoleAccount(newId, kind, username, passwordHash, appId, role, refundLimit);
    }

    /** Never print the password hash. */
    @Override
    public String toString() {
        return "ConsoleAccount[" + kind.dbName() + " " + username + "]";
    }
}
