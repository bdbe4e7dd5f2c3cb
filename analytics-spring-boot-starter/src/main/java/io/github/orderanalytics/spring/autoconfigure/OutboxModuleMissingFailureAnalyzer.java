package io.github.orderanalytics.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says what to do when the outbox is enabled without its module, in Spring Boot's start-up report. */
final class OutboxModuleMissingFailureAnalyzer extends AbstractFailureAnalyzer<OutboxModuleMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, OutboxModuleMissingException cause) {
        return new FailureAnalysis(
                "order-analytics.outbox.enabled is true, but " + OutboxModuleMissingException.ARTIFACT
                        + " is not on the class path, so order events cannot be written to the outbox table.",
                "Add the dependency " + OutboxModuleMissingException.ARTIFACT
                        + " (its version comes from the analytics-bom), or set order-analytics.outbox.enabled=false"
                        + " to report orders after commit without the outbox.",
                cause);
    }
}
