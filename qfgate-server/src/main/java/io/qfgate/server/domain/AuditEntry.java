package io.qfgate.server.domain;

import java.time.LocalDateTime;

/**
 * One row of the append-only audit log: who ({@code accountId} null when the name given matched
 * no account), on which console, did what, when (gateway time), from which address. The detail
 * never holds a password or a key.
 */
public record AuditEntry(
        LocalDateTime at,
        ConsoleKind kind,
        Long accountId,
        String username,
        AuditAction action,
        String detail,
        String ip) {}
