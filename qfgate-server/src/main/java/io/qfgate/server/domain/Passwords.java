package io.qfgate.server.domain;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.Semaphore;

/**
 * Console passwords, hashed with Argon2id: 19 MiB of memory, 2 passes, 1 lane, a 16-byte random
 * salt and a 32-byte hash, OWASP's recommended minimum for Argon2id. The memory makes each guess
 * costly on graphics cards; one lane keeps a sign-in to one core (the gateway's cores are for
 * payments) and about 20-50 ms. At most {@value #AT_ONCE} hashes run at once (about 76 MiB), so
 * a flood of sign-in requests queues instead of exhausting the heap. The stored
 * PHC string ({@code $argon2id$v=19$m=19456,t=2,p=1$…}) carries its parameters, so a hash made with
 * other ones still verifies.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 10;
    /** A limit on input: Argon2 takes any length, the form does not need to. */
    public static final int MAX_LENGTH = 256;
    /** How many hashes may be computed at the same time. */
    static final int AT_ONCE = 4;

    private static final Semaphore HASHING = new Semaphore(AT_ONCE, true);

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    /** Verified against when the username is unknown, so that answer takes as long as a wrong password. */
    private static final String DUMMY = hash("no account has this password");

    private Passwords() {}

    public static String hash(String password) {
        HASHING.acquireUninterruptibly();
        try {
            return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
        } finally {
            HASHING.release();
        }
    }

    /** True if the password is the one hashed; a null hash costs the same as a real one and fails. */
    public static boolean verify(String password, String hash) {
        boolean known = hash != null;
        String against = known ? hash : DUMMY;
        HASHING.acquireUninterruptibly();
        try {
            boolean matches = Password.check(password, against).with(Argon2Function.getInstanceFromHash(against));
            return known && matches;
        } finally {
            HASHING.release();
        }
    }

    /** Why a new password is not acceptable, or null if it is. */
    public static String problemWith(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "a password needs at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "a password has at most " + MAX_LENGTH + " characters";
        }
        return null;
    }
}
