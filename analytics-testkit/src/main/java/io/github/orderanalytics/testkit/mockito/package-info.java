/**
 * Mockito argument matchers for a mocked {@code OrderAnalytics}: {@link
 * io.github.orderanalytics.testkit.mockito.OrderMatchers}. Needs Mockito on the test class path; the rest
 * of the testkit does not.
 */
@NullMarked
package io.github.orderanalytics.testkit.mockito;

import org.jspecify.annotations.NullMarked;
