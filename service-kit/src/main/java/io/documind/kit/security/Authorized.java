package io.documind.kit.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which tokens may call a route (on a controller class or method; the method wins). Routes are denied by
 * default: a route with neither this nor {@link PublicEndpoint} answers 401 to everyone.
 *
 * <p>A token of a kind not listed → 401 (wrong audience). A management token must carry {@code all}. An
 * organization or user token must carry every scope in {@link #scopes()} → otherwise 403 with
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Authorized {

    TokenKind[] value();

    String[] scopes() default {};
}
