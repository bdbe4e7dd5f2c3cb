package io.github.orderanalytics.spring.browser;

import io.github.orderanalytics.BrowserContext;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller method's {@link BrowserContext} parameter the request's context, or null when
 * the browser sent none:
 *
 * <pre>{@code
 * @PostMapping("/checkout")
 * PlacedOrder checkout(@RequestBody Cart cart, @Nullable BrowserContext browser) { ... }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class BrowserContextArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == BrowserContext.class;
    }

    @Override
    public @Nullable Object resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            @Nullable WebDataBinderFactory binderFactory) {
        return RequestBrowserContext.current().orElse(null);
    }
}
