package io.documind.kit.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;

import java.util.Iterator;
import java.util.Map;

/**
 * Names a response's media type without the weight the client gave it. Why: when a route produces the type a client
 * prefers, Micronaut (4.10, {@code RouteExecutor.resolveDefaultResponseContentType}) answers with that {@code Accept}
 * entry as it came, so {@code Accept: application/json;q=0.9, *}{@code /*;q=0.8} was answered
 * {@code Content-Type: application/json;q=0.9}: a weight is not a media type parameter (RFC 9110 §12.5.1), and
 * strict clients refuse it. Micronaut picks that type after the filters have run, and only when the response names
 * none, so this filter names it first, in exactly the case where a parameter would have been copied.
 */
@ServerFilter("/**")
public class AcceptedContentType {

    @ResponseFilter
    public void name(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept == null || accept.indexOf(';') < 0
                || response.getContentType().isPresent() || response.getBody().isEmpty()) {
            return;
        }
        Iterator<MediaType> accepted = request.accept().iterator();
        MediaType preferred = accepted.hasNext() ? accepted.next() : null;
        RouteInfo<?> route = RouteAttributes.getRouteInfo(response)
                .or(() -> RouteAttributes.getRouteInfo(request)).orElse(null);
        if (preferred != null && route != null && route.getProduces().contains(preferred)) {
            response.contentType(preferred.getParameters().get(MediaType.CHARSET_PARAMETER)
                    .map(charset -> new MediaType(preferred.getName(), Map.of(MediaType.CHARSET_PARAMETER, charset)))
                    .orElseGet(() -> new MediaType(preferred.getName())));
        }
    }
}
