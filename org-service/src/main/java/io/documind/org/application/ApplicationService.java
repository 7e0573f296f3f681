package io.documind.org.application;

import io.documind.kit.web.ProblemException;
import io.documind.org.token.Secrets;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class ApplicationService {

    /** An application with its secret in clear: returned once, at creation or secret rotation. */
    public record WithSecret(Application application, String secret) {
    }

    private final ApplicationRepository applications;

    public ApplicationService(ApplicationRepository applications) {
        this.applications = applications;
    }

    @Transactional
    public WithSecret create(String name, String description) {
        String secret = Secrets.generate();
        Application app = applications.save(new Application(UUID.randomUUID().toString(), name.strip(), description,
                Secrets.hash(secret), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        return new WithSecret(app, secret);
    }

    /** Registers (or re-keys) an application with a given id and secret, e.g. the local stack's. */
    @Transactional
    public void register(String id, String name, String secret) {
        Optional<Application> existing = applications.findById(id);
        if (existing.isEmpty()) {
            applications.save(new Application(id, name, "Registered from configuration", Secrets.hash(secret),
                    Instant.now().truncatedTo(ChronoUnit.MICROS)));
        } else if (!Secrets.matches(secret, existing.get().secretHash())) {
            Application a = existing.get();
            applications.update(new Application(a.id(), a.name(), a.description(), Secrets.hash(secret), a.createdAt()));
        }
    }

    @Transactional
    public WithSecret rotateSecret(String id) {
        Application a = get(id);
        String secret = Secrets.generate();
        Application updated = applications.update(
                new Application(a.id(), a.name(), a.description(), Secrets.hash(secret), a.createdAt()));
        return new WithSecret(updated, secret);
    }

    @Transactional
    public Application get(String id) {
        return applications.findById(id).orElseThrow(() -> ProblemException.notFound("Application"));
    }

    @Transactional
    public List<Application> page(int limit, long offset) {
        return applications.page(limit, offset);
    }

    @Transactional
    public long count() {
        return applications.count();
    }

    @Transactional
    public void delete(String id) {
        applications.delete(get(id));
    }

    /** The application whose id and secret match, compared in constant time. */
    @Transactional
    public Optional<Application> authenticate(String clientId, String secret) {
        Optional<Application> app = clientId == null ? Optional.empty() : applications.findById(clientId);
        boolean ok = Secrets.matches(secret, app.map(Application::secretHash).orElse(Secrets.hash("no-such-app")));
        return ok ? app : Optional.empty();
    }
}
