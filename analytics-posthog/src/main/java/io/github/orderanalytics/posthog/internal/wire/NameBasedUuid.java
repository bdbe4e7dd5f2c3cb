package io.github.orderanalytics.posthog.internal.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * RFC 9562 version-5 (SHA-1, name-based) UUIDs.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public final class NameBasedUuid {
    private NameBasedUuid() {}

    /** The RFC's URL namespace, {@code 6ba7b811-9dad-11d1-80b4-00c04fd430c8}. */
    public static final UUID URL_NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    public static UUID v5(UUID namespace, String name) {
        return v5(sha1(), namespace, name);
    }

    public static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    /** With a digest of the caller's, reused: getting one costs more than the hash. */
    public static UUID v5(MessageDigest sha1, UUID namespace, String name) {
        sha1.reset();
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // the RFC's variant
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }
}
