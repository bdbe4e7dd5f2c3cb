package io.github.orderanalytics.testkit;

import io.github.orderanalytics.posthog.PostHogEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    static final Comparator<PostHogEvent> ORDER = Comparator.comparing(
                    (PostHogEvent e) -> FakeWhere.micros(e.timestamp()))
            .thenComparing(e -> e.uuid().toString());

    static final int DEFAULT_ROWS = 100;

    private static final Pattern PATH = Pattern.compile("/api/(?:projects|environments)/([^/]+)/query/?");
    private static final Pattern SELECT = Pattern.compile(
            "(?is)^\\s*SELECT\\s+(.+?)\\s+FROM\\s+events(?:\\s+WHERE\\s+(.+?))?(?:\\s+ORDER\\s+BY\\s+(.+?))?"
                    + "(?:\\s+LIMIT\\s+(\\d+))?\\s*;?\\s*$");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final Pattern PROPERTY = Pattern.compile("(?i)^properties\\.([\\w$]+)$");

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    /** An answer: its status and JSON body. */
    record Answer(int status, Object body) {}

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
        } catch (QueryRefused e) {
            return error(400, "hogql_query_error", e.getMessage());
        }
    }

    private static Answer run(String text, Map<String, String> values, List<PostHogEvent> stored, ZoneId zone) {
        if (Pattern.compile("(?i)\\bOFFSET\\b").matcher(text).find()) {
            throw new QueryRefused("OFFSET is not supported on queries made with a personal API key. For pagination,"
                    + " use keyset pagination on the `timestamp` column.");
        }
        if (Pattern.compile("(?i)\\bFINAL\\b").matcher(text).find()) {
            throw new QueryRefused("The FINAL keyword is not supported");
        }
        Matcher placeholders = PLACEHOLDER.matcher(text);
        while (placeholders.find()) {
            if (!values.containsKey(placeholders.group(1))) {
                throw new QueryRefused("Placeholder {" + placeholders.group(1) + "} is not defined in values");
            }
        }
        Matcher m = SELECT.matcher(text);
        if (!m.matches()) {
            throw new QueryRefused(
                    "FakePostHog answers SELECT ... FROM events [WHERE ...] [ORDER BY ...] [LIMIT n] only: " + text);
        }
        List<String> columnTexts = FakeWhere.splitTopLevel(m.group(1), ",");
        List<Function<PostHogEvent, Object>> columns = new ArrayList<>();
        for (String c : columnTexts) {
            columns.add(column(c.strip()));
        }
        Predicate<PostHogEvent> where = e -> true;
        int from = 0;
        int to = stored.size();
        if (m.group(2) != null) {
            for (String condition : FakeWhere.splitTopLevel(m.group(2), " AND ")) {
                String c = condition.strip();
                where = where.and(FakeWhere.condition(c, values, zone));
                // The stored events are in time order: a bound on the time narrows what is filtered.
                Matcher bound = FakeWhere.COMPARISON.matcher(c);
                if (bound.matches() && bound.group(1).equalsIgnoreCase("timestamp")) {
                    Instant t = FakeWhere.time(bound.group(3).strip(), values, zone);
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
                throw new QueryRefused("FakePostHog orders by timestamp, uuid only, not " + m.group(3));
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
            if (FakeWhere.micros(sorted.get(mid).timestamp()).isBefore(t)) {
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
                return e -> MICROS.format(LocalDateTime.ofInstant(FakeWhere.micros(e.timestamp()), ZoneOffset.UTC));
            default:
                Matcher property = PROPERTY.matcher(flat);
                if (property.matches()) {
                    String key = property.group(1);
                    return e -> property(e.properties().get(key));
                }
                throw new QueryRefused("FakePostHog cannot select " + c);
        }
    }

    /** As PostHog returns a property: a number typed Numeric as a float, anything else as it is. */
    private static @Nullable Object property(@Nullable Object value) {
        return value instanceof Number n ? (Object) n.doubleValue() : value;
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
