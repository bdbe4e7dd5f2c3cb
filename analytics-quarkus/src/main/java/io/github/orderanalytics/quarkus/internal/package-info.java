/** The extension's own plumbing: not an API, may change in any release. */
@NullMarked
package io.github.orderanalytics.quarkus.internal;

import org.jspecify.annotations.NullMarked;
