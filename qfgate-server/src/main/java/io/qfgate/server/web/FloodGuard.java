package io.qfgate.server.web;

import io.javalin.http.Handler;
import java.util.function.ToLongFunction;

/**
 * The per-client-address flood guard in front of the pages that do work for anyone who asks (a
 * checkout link's signature, a demo order, a sign-in's password hash): one request taken from the
 * address's allowance before the page starts, and over it the 429 page ({@link PageErrors}).
 */
public final class FloodGuard {
    private final ToLongFunction<String> secondsToWait;

    private FloodGuard(ToLongFunction<String> secondsToWait) {
        this.secondsToWait = secondsToWait;
    }

    /** @param secondsToWait takes one request from an address's allowance: 0 if allowed, else seconds to wait */
    public static FloodGuard of(ToLongFunction<String> secondsToWait) {
        return new FloodGuard(secondsToWait);
    }

    /** {@code page}, answered only while the client's address is within its allowance. */
    public Handler before(Handler page) {
        return ctx -> {
            long wait = secondsToWait.applyAsLong(ctx.ip());
            if (wait > 0) {
                throw new PageErrors.TooManyRequests(wait);
            }
            page.handle(ctx);
        };
    }
}
