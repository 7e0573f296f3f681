package io.documind.kit.deployment;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Outside the local stack a service refuses to start while a required setting is missing or still holds a
 * local-development default, and names every such setting with the variable that sets it. The local stack
 * ({@code DOCUMIND_LOCAL_STACK=true}) and the test environment are exempt: their defaults are the point.
 *
 * <p>A setting still holding one of docker-compose.yml's placeholder secrets passes, with a warning naming it
 * ({@link ComposePlaceholders}).
 *
 * <p>First among the eager beans: otherwise the data source fails on the local default URL first and its
 * connection error hides the message that says what to set.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DeploymentGuard {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentGuard.class);

    private final Environment environment;
    private final List<RequiredSettings> contributions;

    public DeploymentGuard(Environment environment, List<RequiredSettings> contributions) {
        this.environment = environment;
        this.contributions = contributions;
    }

    @PostConstruct
    void check() {
        if (environment.getActiveNames().contains(Environment.TEST)) {
            return;
        }
        if (environment.getProperty("documind.local-stack", Boolean.class).orElse(false)) {
            // Said at every start: the refusal below names the flag, and an operator who set it to get past the
            // refusal would otherwise run on public keys with nothing in the log to say so.
            LOG.warn("DOCUMIND_LOCAL_STACK=true: the start-up checks are off and unset secrets fall back to the "
                    + "local-development defaults, which anyone with the repository has. Only on one machine.");
            return;
        }
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            String message = "Refusing to start outside the local stack:\n  - " + String.join("\n  - ", problems)
                    + "\n(For development on one machine only, DOCUMIND_LOCAL_STACK=true turns these checks off and"
                    + " uses the public development defaults.)";
            LOG.error(message);
            throw new IllegalStateException(message);
        }
        List<String> placeholders = publicPlaceholders();
        if (!placeholders.isEmpty()) {
            LOG.warn("Running on the public placeholder secrets of docker-compose.yml, which anyone with the repository"
                    + " has: {}. Fine on one machine; anywhere else set your own.", String.join(", ", placeholders));
        }
    }

    /** The variables of required settings that still hold one of docker-compose.yml's placeholder secrets. */
    List<String> publicPlaceholders() {
        List<String> found = new ArrayList<>();
        for (RequiredSettings contribution : contributions) {
            for (RequiredSetting s : contribution.settings()) {
                setting(s.property()).filter(ComposePlaceholders::contains).ifPresent(v -> found.add(s.variable()));
            }
        }
        return found;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (RequiredSettings contribution : contributions) {
            for (RequiredSetting s : contribution.settings()) {
                Optional<String> value = environment.getProperty(s.property(), String.class).filter(v -> !v.isBlank());
                if (value.isEmpty()) {
                    problems.add(s.variable() + " (" + s.property() + ") is not set");
                } else if (s.isLocalDefault(value.get())) {
                    problems.add(s.variable() + " (" + s.property() + ") still has its local-development default");
                }
            }
            problems.addAll(contribution.problems(environment));
        }
        plainHttpIssuer().ifPresent(problems::add);
        return problems;
    }

    /**
     * The issuer is where services fetch the keys every token is checked with (discovery, then JWKS). Over plain
     * http anyone on the path could answer with keys of their own and mint tokens for any tenant; so outside the
     * local stack it must be https unless an operator says the network is trusted (a private network, a mesh with
     * mTLS: the compose file, where services reach org-service by name).
     */
    private Optional<String> plainHttpIssuer() {
        Optional<String> issuer = setting("documind.security.issuer").or(() -> setting("documind.issuer"));
        // DOCUMIND_ALLOW_HTTP_ISSUER=true where the network between the services is trusted.
        boolean allowed = environment.getProperty("documind.allow-http-issuer", Boolean.class).orElse(false);
        if (allowed || issuer.isEmpty() || issuer.get().regionMatches(true, 0, "https://", 0, 8)) {
            return Optional.empty();
        }
        return Optional.of("DOCUMIND_ISSUER (documind.security.issuer) is not https: services fetch the token signing"
                + " keys from it, and anyone on the network path could serve their own. Use https, or set"
                + " DOCUMIND_ALLOW_HTTP_ISSUER=true where the network between the services is trusted");
    }

    private Optional<String> setting(String property) {
        return environment.getProperty(property, String.class).map(String::strip).filter(v -> !v.isEmpty());
    }
}
