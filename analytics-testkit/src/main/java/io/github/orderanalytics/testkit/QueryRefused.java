package io.github.orderanalytics.testkit;

/** A query {@link FakeQueryApi} could not evaluate or PostHog would refuse: a 400 with PostHog's kind of body. */
final class QueryRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueryRefused(String detail) {
        super(detail, null, false, false);
    }
}
