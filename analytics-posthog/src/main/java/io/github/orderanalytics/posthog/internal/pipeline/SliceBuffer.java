package io.github.orderanalytics.posthog.internal.pipeline;

import java.io.ByteArrayOutputStream;

/** A byte buffer whose array is shared as it is, and cut back after a failed write. */
final class SliceBuffer extends ByteArrayOutputStream {
    SliceBuffer(int size) {
        super(size);
    }

    /** The array as it is now: valid until the next write, which may replace it with a larger one. */
    byte[] array() {
        return buf;
    }

    void truncate(int size) {
        count = size;
    }
}
