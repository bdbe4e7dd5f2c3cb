package io.github.orderanalytics.testkit;

import io.github.orderanalytics.posthog.PostHogEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * PostHog's query API ({@code POST /api/projects/{id}/query/}) as far as order events need it: a
 * HogQL {@code SELECT} of event columns and properties {@code FROM events}, filtered by event name and
 * time (with a keyset on {@code (timestamp, uuid)}), ordered and limited, answered from the events the
 * fake stored. It keeps PostHog's rules: a personal key, one project, {@code OFFSET} and {@code FINAL}
 * refused, {@code LIMIT} cut at 50,000 (no {@code LIMIT}: 100 rows and {@code hasMore}), a naked
 * date-time read in the project's time zone, numeric properties returned as floats, stored copies of
 * one uuid all returned. Anything else it cannot evaluate is a 400 saying so.
 */
final class FakeQueryApi {
    private FakeQueryApi() {}

    static final int MAX_ROWS = 50_000;

    /** How the stored events are kept for queries: by time, then uuid, as {@code ORDER BY timestamp, uuid}. */
    static final Comparator<PostHogEvent> ORDER = Comparator.comparing((PostHogEvent e) -> micros(e.timestamp()))
            .thenComparing(e -> e.uuid().toString());

    static final int DEFAULT_ROWS = 100;

    private static final Pattern PATH = Pattern.compile("/api/(?:projects|environments)/([^/]+)/query/?");
    private static final Pattern SELECT = Pattern.compile(
            "(?is)^\\s*SELECT\\s+(.+?)\\s+FROM\\s+events(?:\\s+WHERE\\s+(.+?))?(?:\\s+ORDER\\s+BY\\s+(.+?))?"
                    + "(?:\\s+LIMIT\\s+(\\d+))?\\s*;?\\s*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final Pattern EVENT_IN = Pattern.compile("(?is)^event\\s+IN\\s*\\((.*)\\)$");
    private static final Pattern COMPARISON = Pattern.compile("(?is)^(timestamp|uuid)\\s*(>=|<=|<|>|=)\\s*(.+)$");
    private static final Pattern PROPERTY = Pattern.compile("(?i)^properties\\.([\\w$]+)$");

    private static final DateTimeFormatter CLICKHOUSE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    /** An answer: its status and JSON body. */
    record Answer(int status, Object body) {}

    /** A query the fake could not evaluate or PostHog would refuse: a 400 with PostHog's kind of body. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String detail) {
            super(detail, null, false, false);
        }
    }

    static boolean isQueryPath(String path) {
        return PATH.matcher(path).matches();
    }

    static Answer answer(
            String method,
            String path,
            String authorization,
            byte[] body,
            List<PostHogEvent> stored,
            ZoneId projectZone,
            List<CapturedQuery> log) {
        String text = "";
        Map<String, String> values = Map.of();
        Answer answer;
        try {
            Map<?, ?> request = FakeWire.JSON.readValue(body, LinkedHashMap.class);
            Object query = request.get("query");
            if (query instanceof Map<?, ?> q) {
                text = String.valueOf(q.get("query"));
                values = values(q.get("values"));
            }
            answer = answer(method, path, authorization, query, text, values, stored, projectZone);
        } catch (IOException e) {
            answer = error(400, "parse_error", "the body is not JSON: " + e.getMessage());
        }
        synchronized (log) {
            log.add(new CapturedQuery(text, values, answer.status()));
        }
        return answer;
    }

    private static Answer answer(
            String method,
            String path,
            @Nullable String authorization,
            @Nullable Object query,
            String text,
            Map<String, String> values,
            List<PostHogEvent> stored,
            ZoneId zone) {
        Matcher p = PATH.matcher(path);
        if (!method.equals("POST") || !p.matches()) {
            return error(405, "method_not_allowed", "POST a query");
        }
        if (!("Bearer " + FakePostHog.PERSONAL_API_KEY).equals(authorization)) {
            return error(
                    401, "authentication_failed", "Personal API key found in request Authorization header is invalid.");
        }
        if (!p.group(1).equals(FakePostHog.PROJECT_ID)) {
            return error(403, "permission_denied", "You don't have access to the project.");
        }
        if (!(query instanceof Map<?, ?> q) || !"HogQLQuery".equals(q.get("kind"))) {
            return error(400, "invalid_input", "FakePostHog answers {\"query\": {\"kind\": \"HogQLQuery\", ...}} only");
        }
        try {
            return run(text, values, stored, zone);
        } catch (Refused e) {
            return error(400, "hogql_query_error", e.getMessage());
        }
    }

    private static Answer run(String text, Map<String, String> values, List<PostHogEvent> stored, ZoneId zone) {
        if (Pattern.compile("(?i)\\bOFFSET\\b").matcher(text).find()) {
            throw new Refused("OFFSET is not supported on queries made with a personal API key. For pagination,"
                    + " use keyset pagination on the `timestamp` column.");
        }
        if (Pattern.compile("(?i)\\bFINAL\\b").matcher(text).find()) {
            throw new Refused("The FINAL keyword is not supported");
        }
        Matcher placeholders = PLACEHOLDER.matcher(text);
        while (placeholders.find()) {
            if (!values.containsKey(placeholders.group(1))) {
                throw new Refused("Placeholder {" + placeholders.group(1) + "} is not defined in values");
            }
        }
        Matcher m = SELECT.matcher(text);
        if (!m.matches()) {
            throw new Refused(
                    "FakePostHog answers SELECT ... FROM events [WHERE ...] [ORDER BY ...] [LIMIT n] only: " + text);
        }
        List<String> columnTexts = splitTopLevel(m.group(1), ",");
        List<Function<PostHogEvent, Object>> columns = new ArrayList<>();
        for (String c : columnTexts) {
            columns.add(column(c.strip()));
        }
        Predicate<PostHogEvent> where = e -> true;
        int from = 0;
        int to = stored.size();
        if (m.group(2) != null) {
            for (String condition : splitTopLevel(m.group(2), " AND ")) {
                String c = condition.strip();
                where = where.and(condition(c, values, zone));
                // The stored events are in time order: a bound on the time narrows what is filtered.
                Matcher bound = COMPARISON.matcher(c);
                if (bound.matches() && bound.group(1).equalsIgnoreCase("timestamp")) {
                    Instant t = time(bound.group(3).strip(), values, zone);
                    switch (bound.group(2)) {
                        case ">=", ">" -> from = Math.max(from, firstAtOrAfter(stored, t));
                        case "<", "<=" -> to = Math.min(to, firstAtOrAfter(stored, t.plusNanos(1000)));
                        default -> {}
                    }
                }
            }
        }
        List<PostHogEvent> rows = new ArrayList<>(
                from < to ? stored.subList(from, to).stream().filter(where).toList() : List.of());
        if (m.group(3) != null) {
            String order = m.group(3).replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
            if (order.equals("timestamp, uuid") || order.equals("timestamp asc, uuid asc")) {
                rows.sort(ORDER);
            } else if (order.equals("timestamp")) {
                rows.sort(Comparator.comparing(PostHogEvent::timestamp));
            } else {
                throw new Refused("FakePostHog orders by timestamp, uuid only, not " + m.group(3));
            }
        }
        int limit = m.group(4) == null ? DEFAULT_ROWS : (int) Math.min(Long.parseLong(m.group(4)), MAX_ROWS);
        boolean hasMore = m.group(4) == null && rows.size() > limit;
        List<List<Object>> results = new ArrayList<>();
        for (PostHogEvent e : rows.subList(0, Math.min(limit, rows.size()))) {
            List<Object> row = new ArrayList<>(columns.size());
            for (Function<PostHogEvent, Object> c : columns) {
                row.add(c.apply(e));
            }
            results.add(row);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("results", results);
        answer.put("columns", columnTexts.stream().map(String::strip).toList());
        answer.put("hasMore", hasMore);
        answer.put("limit", limit);
        answer.put("offset", 0);
        return new Answer(200, answer);
    }

    /** The index of the first event at or after {@code t} in a list in {@link #ORDER}. */
    private static int firstAtOrAfter(List<PostHogEvent> sorted, Instant t) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (micros(sorted.get(mid).timestamp()).isBefore(t)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static Function<PostHogEvent, Object> column(String c) {
        String flat = c.replaceAll("\\s+", "");
        switch (flat) {
            case "uuid":
                return e -> e.uuid().toString();
            case "event":
                return PostHogEvent::event;
            case "distinct_id":
                return PostHogEvent::distinctId;
            case "timestamp":
                return e -> e.timestamp().toString();
            case "toString(toTimeZone(timestamp,'UTC'))":
                return e -> MICROS.format(LocalDateTime.ofInstant(micros(e.timestamp()), ZoneOffset.UTC));
            default:
                Matcher property = PROPERTY.matcher(flat);
                if (property.matches()) {
                    String key = property.group(1);
                    return e -> property(e.properties().get(key));
                }
                throw new Refused("FakePostHog cannot select " + c);
        }
    }

    /** As PostHog returns a property: a number typed Numeric as a float, anything else as it is. */
    private static @Nullable Object property(@Nullable Object value) {
        return value instanceof Number n ? (Object) n.doubleValue() : value;
    }

    private static Predicate<PostHogEvent> condition(String condition, Map<String, String> values, ZoneId zone) {
        String c = condition;
        while (c.startsWith("(") && c.endsWith(")") && closes(c)) {
            c = c.substring(1, c.length() - 1).strip();
        }
        List<String> alternatives = splitTopLevel(c, " OR ");
        if (alternatives.size() > 1) {
            Predicate<PostHogEvent> any = e -> false;
            for (String a : alternatives) {
                any = any.or(condition(a.strip(), values, zone));
            }
            return any;
        }
        List<String> all = splitTopLevel(c, " AND ");
        if (all.size() > 1) {
            Predicate<PostHogEvent> each = e -> true;
            for (String a : all) {
                each = each.and(condition(a.strip(), values, zone));
            }
            return each;
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
        throw new Refused("FakePostHog cannot evaluate the condition " + condition);
    }

    private static boolean closes(String c) {
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

    private static boolean compare(int order, String op) {
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
    private static Instant time(String expr, Map<String, String> values, ZoneId zone) {
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
        try {
            Instant t = LocalDateTime.parse(text, CLICKHOUSE_TIME).atZone(in).toInstant();
            return seconds ? t.truncatedTo(ChronoUnit.SECONDS) : t;
        } catch (DateTimeParseException e) {
            throw new Refused("not a date-time: " + text);
        }
    }

    private static String uuidValue(String expr, Map<String, String> values) {
        Matcher f = Pattern.compile("(?i)^toUUID\\((.+)\\)$").matcher(expr.replaceAll("\\s+", ""));
        String value = literal(f.matches() ? f.group(1) : expr, values);
        if (value == null) {
            throw new Refused("no value for the placeholder " + expr);
        }
        return value;
    }

    /** A placeholder's value or a quoted literal. */
    private static @Nullable String literal(String expr, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(expr);
        if (placeholder.matches()) {
            return values.get(placeholder.group(1));
        }
        if (expr.length() >= 2 && expr.startsWith("'") && expr.endsWith("'")) {
            return expr.substring(1, expr.length() - 1);
        }
        throw new Refused("FakePostHog expects a quoted value or a {placeholder}, not " + expr);
    }

    /** PostHog keeps timestamps to the microsecond. */
    private static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code text} split at {@code separator} outside parentheses and quotes (case-insensitive for words). */
    private static List<String> splitTopLevel(String text, String separator) {
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

    private static Map<String, String> values(@Nullable Object values) {
        Map<String, String> out = new LinkedHashMap<>();
        if (values instanceof Map<?, ?> v) {
            v.forEach((k, x) -> out.put(String.valueOf(k), String.valueOf(x)));
        }
        return out;
    }

    private static Answer error(int status, String code, @Nullable String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", status == 401 ? "authentication_error" : "validation_error");
        body.put("code", code);
        body.put("detail", detail);
        body.put("attr", null);
        return new Answer(status, body);
    }
}
