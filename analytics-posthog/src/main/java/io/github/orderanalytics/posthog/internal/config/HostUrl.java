package io.github.orderanalytics.posthog.internal.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Checks the PostHog host: an http(s) base URL, https unless loopback or allowed, no credentials in it.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public final class HostUrl {
    private HostUrl() {}

    public static URI parse(String text, boolean allowInsecureHttp, String example) {
        return parse("host", text, allowInsecureHttp, example);
    }

    /** As {@link #parse(String, boolean, String)}, for the URL setting {@code setting}. */
    public static URI parse(String setting, String text, boolean allowInsecureHttp, String example) {
        String name = SettingChecks.named(setting);
        URI uri;
        try {
            uri = new URI(text.trim().replaceAll("/+$", ""));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a URL such as " + example + ": " + Quote.of(text), e);
        }
        if (uri.getRawUserInfo() != null) {
            // Never echo it: user-info is a password more often than not.
            throw new IllegalArgumentException(name + " must not contain user-info (user:password@);"
                    + " PostHog authenticates with the API key alone");
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null
                || !("https".equals(scheme) || "http".equals(scheme))
                || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw new IllegalArgumentException(
                    name + " must be an http(s) URL such as " + example + ": " + Quote.of(text));
        }
        if ("http".equals(scheme) && !allowInsecureHttp && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException(name + " must use https, as the API key travels with every request: "
                    + Quote.of(text) + " (plain http is allowed for loopback, or with allowInsecureHttp)");
        }
        return uri;
    }

    /**
     * The app host of a PostHog Cloud capture host ({@code us.i.posthog.com} → {@code us.posthog.com},
     * likewise {@code eu}), where queries go; any other host answers both, so it is its own.
     */
    public static URI appHostOf(URI captureHost) {
        String host = captureHost.getHost();
        if (host != null && host.matches("(?i)(us|eu)\\.i\\.posthog\\.com") && captureHost.getPort() == -1) {
            return URI.create("https://" + host.substring(0, 2).toLowerCase(java.util.Locale.ROOT) + ".posthog.com");
        }
        return captureHost;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name: never resolve it here, DNS may say anything
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
