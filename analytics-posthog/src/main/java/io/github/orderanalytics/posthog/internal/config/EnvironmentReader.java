package io.github.orderanalytics.posthog.internal.config;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads settings from environment variables: skips unset and blank ones, and names the variable
 * in every error, without echoing the values of secrets.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public final class EnvironmentReader {
    private final Function<String, @Nullable String> env;

    /** Reads through {@code env}: a variable's value, or null where it is unset. */
    public EnvironmentReader(Function<String, @Nullable String> env) {
        this.env = Objects.requireNonNull(env, "env == null");
    }

    /** Parses {@code variable} if it is set and applies it; an error names the variable. */
    public <T> void read(String variable, Function<String, T> parse, Consumer<T> apply) {
        String value = env.apply(variable);
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            apply.accept(parse.apply(value));
        } catch (IllegalArgumentException | ArithmeticException e) {
            boolean secret = variable.endsWith("_KEY");
            throw new IllegalArgumentException(
                    variable + (secret ? " is invalid" : " " + e.getMessage()), secret ? null : e);
        }
    }
}
