package io.qfgate.server.domain;

import java.util.Optional;

/**
 * Where this node would deliver merchant notifications. Defined here so that the API can refuse
 * a notify_url the dispatcher would never call without knowing how the dispatcher decides.
 */
public interface NotifyTargets {
    /** Why no notification would be sent to {@code url}, or empty if it would. */
    Optional<String> problemWith(String url);
}
