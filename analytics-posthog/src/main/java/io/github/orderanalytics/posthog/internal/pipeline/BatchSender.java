package io.github.orderanalytics.posthog.internal.pipeline;

/**
 * Posts one request body to PostHog's batch endpoint and says what came back. The pipeline's only
 * contact with the network: tests put an in-memory sender here.
 */
interface BatchSender {

    /**
     * Sends {@code body} ({@code gzipped} as said) and returns PostHog's answer, or a result with
     * status 0 and the failure when no answer came.
     *
     * @throws InterruptedException if the thread was interrupted while sending
     */
    SendResult send(byte[] body, boolean gzipped) throws InterruptedException;
}
