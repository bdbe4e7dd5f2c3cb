package io.github.orderanalytics.posthog.internal.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Turns a guest's normalised email into a distinct id that does not reveal it. Keeps its digest
 * for reuse, so one instance serves one thread.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public final class GuestIds {
    private static final String PREFIX = "guest_";

    private final @Nullable SecretKeySpec key;
    private @Nullable MessageDigest sha256;
    private @Nullable Mac hmac;

    private GuestIds(@Nullable SecretKeySpec key) {
        this.key = key;
    }

    /** Plain SHA-256 when {@code key} is null, HMAC-SHA256 under {@code key} otherwise. */
    public static GuestIds create(@Nullable String key) {
        return new GuestIds(key == null ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    public String distinctId(String normalisedEmail) {
        byte[] input = normalisedEmail.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] hash;
            if (key == null) {
                if (sha256 == null) {
                    sha256 = MessageDigest.getInstance("SHA-256");
                }
                hash = sha256.digest(input);
            } else {
                if (hmac == null) {
                    hmac = Mac.getInstance("HmacSHA256");
                    hmac.init(key);
                }
                hash = hmac.doFinal(input);
            }
            return PREFIX + HexFormat.of().formatHex(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256 and HmacSHA256", e);
        }
    }
}
