package io.github.orderanalytics.testkit;

import io.github.orderanalytics.posthog.PostHogEvent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The {@code WHERE} of {@link FakeQueryApi}'s queries: event names, time and uuid bounds, placeholders. */
final class FakeWhere {
    private FakeWhere() {}

    private static final Pattern EVENT_IN = Pattern.compile("(?is)^event\\s+IN\\s*\\((.*)\\)$");
    static final Pattern COMPARISON = Pattern.compile("(?is)^(timestamp|uuid)\\s*(>=|<=|<|>|=)\\s*(.+)$");

    static Predicate<PostHogEvent> condition(String condition, Map<String, String> values, ZoneId zone) {
        String c = condition;
        while (c.startsWith("(") && c.endsWith(")") && closes(c)) {
            c = c.substring(1, c.length() - 1).strip();
        }
        // OR binds looser than AND, so it splits first.
        for (String operator : List.of(" OR ", " AND ")) {
            List<String> parts = splitTopLevel(c, operator);
            if (parts.size() > 1) {
                BinaryOperator<Predicate<PostHogEvent>> join = operator.equals(" OR ") ? Predicate::or : Predicate::and;
                return parts.stream()
                        .map(part -> condition(part.strip(), values, zone))
                        .reduce(join)
                        .orElseThrow();
            }
        }
        Matcher in = EVENT_IN.matcher(c);
        if (in.matches()) {
            Set<String> names = Set.copyOf(splitTopLevel(in.group(1), ",").stream()
                    .map(s -> literal(s.strip(), values))
                    .toList());
            return e -> names.contains(e.event());
        }
        Matcher cmp = COMPARISON.matcher(c);
        if (cmp.matches()) {
            String op = cmp.group(2);
            if (cmp.group(1).equalsIgnoreCase("timestamp")) {
                Instant t = time(cmp.group(3).strip(), values, zone);
                return e -> compare(micros(e.timestamp()).compareTo(t), op);
            }
            String uuid = uuidValue(cmp.group(3).strip(), values);
            return e -> compare(e.uuid().toString().compareTo(uuid), op);
        }
        throw new QueryRefused("FakePostHog cannot evaluate the condition " + condition);
    }

    static boolean closes(String c) {
        int depth = 0;
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
                if (depth == 0 && i < c.length() - 1) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean compare(int order, String op) {
        return switch (op) {
            case ">=" -> order >= 0;
            case "<=" -> order <= 0;
            case "<" -> order < 0;
            case ">" -> order > 0;
            default -> order == 0;
        };
    }

    /**
     * A time: {@code toDateTime64(x, 6, 'UTC')} in UTC, {@code toDateTime(x, 'UTC')} in UTC to the second,
     * and a naked {@code x} (or one without a zone) in the project's time zone, as PostHog reads it.
     */
    static Instant time(String expr, Map<String, String> values, ZoneId zone) {
        String flat = expr.replaceAll("\\s+", "");
        Matcher f = Pattern.compile("(?i)^(toDateTime64|toDateTime)\\((.+?)(?:,(\\d+))?(?:,'([^']+)')?\\)$")
                .matcher(flat);
        String argument = flat;
        ZoneId in = zone;
        boolean seconds = false;
        if (f.matches()) {
            argument = f.group(2);
            seconds = f.group(1).equalsIgnoreCase("toDateTime");
            if (f.group(4) != null) {
                in = ZoneId.of(f.group(4));
            }
        }
        String text = literal(argument, values);
        if (text == null) {
            throw new QueryRefused("no value for the placeholder " + argument);
        }
        try {
            Instant t = LocalDateTime.parse(clickHouseToIso(text)).atZone(in).toInstant();
            return seconds ? t.truncatedTo(ChronoUnit.SECONDS) : t;
        } catch (DateTimeParseException e) {
            throw new QueryRefused("not a date-time: " + text);
        }
    }

    /** ClickHouse's "2026-12-01 10:00:00[.fraction]" as ISO-8601's local date-time, which reads any fraction. */
    private static String clickHouseToIso(String text) {
        return text.replace(' ', 'T');
    }

    static String uuidValue(String expr, Map<String, String> values) {
        Matcher f = Pattern.compile("(?i)^toUUID\\((.+)\\)$").matcher(expr.replaceAll("\\s+", ""));
        String value = literal(f.matches() ? f.group(1) : expr, values);
        if (value == null) {
            throw new QueryRefused("no value for the placeholder " + expr);
        }
        return value;
    }

    /** A placeholder's value or a quoted literal. */
    static @Nullable String literal(String expr, Map<String, String> values) {
        Matcher placeholder = FakeQueryApi.PLACEHOLDER.matcher(expr);
        if (placeholder.matches()) {
            return values.get(placeholder.group(1));
        }
        if (expr.length() >= 2 && expr.startsWith("'") && expr.endsWith("'")) {
            return expr.substring(1, expr.length() - 1);
        }
        throw new QueryRefused("FakePostHog expects a quoted value or a {placeholder}, not " + expr);
    }

    /** PostHog keeps timestamps to the microsecond. */
    static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code text} split at {@code separator} outside parentheses and quotes (case-insensitive for words). */
    static List<String> splitTopLevel(String text, String separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        String upper = text.toUpperCase(Locale.ROOT);
        String sep = separator.toUpperCase(Locale.ROOT);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && upper.startsWith(sep, i)) {
                parts.add(text.substring(start, i));
                start = i + sep.length();
                i = start - 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
