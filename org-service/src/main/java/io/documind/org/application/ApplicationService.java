package io.documind.org.application;

import io.documind.contracts.events.ApplicationDeleted;
import io.documind.contracts.events.ApplicationSecretRotated;
import io.documind.kit.outbox.Outbox;
import io.documind.kit.web.ProblemException;
import io.documind.org.authority.AuthorityVersions;
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

    /** An application whose secret matched, with its authority version as of that secret. */
    public record AuthenticatedApplication(String id, long authorityVersion, boolean managementAccess) {
    }

    private final ApplicationRepository applications;
    private final AuthorityVersions versions;
    private final Outbox outbox;

    public ApplicationService(ApplicationRepository applications, AuthorityVersions versions, Outbox outbox) {
        this.applications = applications;
        this.versions = versions;
        this.outbox = outbox;
    }

    @Transactional
    public WithSecret create(String name, String description, boolean managementAccess) {
        String secret = Secrets.generate();
        Application app = applications.save(new Application(UUID.randomUUID().toString(), name.strip(), description,
                Secrets.hash(secret), Instant.now().truncatedTo(ChronoUnit.MICROS), managementAccess));
        return new WithSecret(app, secret);
    }

    /**
     * Registers (or re-keys) the management application configured with a given id and secret, e.g. the local
     * stack's; it has management access, whatever it had before.
     */
    @Transactional
    public void registerManagement(String id, String name, String secret) {
        // Instances starting together on an empty database: the second waits here and finds the first's row,
        // rather than failing its start on a duplicate key.
        applications.lockRegistration();
        // Locked as read, as a rotation's is: the row is written back whole, which would otherwise put back the
        // secret a rotation committed meanwhile replaced.
        Optional<Application> existing = applications.findByIdForUpdate(id);
        if (existing.isEmpty()) {
            applications.save(new Application(id, name, "Registered from configuration", Secrets.hash(secret),
                    Instant.now().truncatedTo(ChronoUnit.MICROS), true));
            return;
        }
        Application a = existing.get();
        boolean rekeyed = !Secrets.matches(secret, a.secretHash());
        if (rekeyed || !a.managementAccess()) {
            applications.update(new Application(a.id(), a.name(), a.description(),
                    rekeyed ? Secrets.hash(secret) : a.secretHash(), a.createdAt(), true));
        }
        if (rekeyed) {
            secretRotated(id);
        }
    }

    @Transactional
    public WithSecret rotateSecret(String id) {
        // Locked: a rotation waiting behind a deletion then answers 404, not a secret for an application that is
        // gone (its update hit no row, silently) with ApplicationSecretRotated announced after ApplicationDeleted.
        Application a = findForChange(id);
        String secret = Secrets.generate();
        Application updated = applications.update(
                new Application(a.id(), a.name(), a.description(), Secrets.hash(secret), a.createdAt(),
                        a.managementAccess()));
        secretRotated(id);
        return new WithSecret(updated, secret);
    }

    /** The application with its row locked until the transaction ends (see UserService#findForChange). */
    @Transactional
    public Application findForChange(String id) {
        return applications.findByIdForUpdate(id).orElseThrow(() -> ProblemException.notFound("Application"));
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

    /** Deletes the application; its tokens are refused from ApplicationDeleted's version on. */
    @Transactional
    public void delete(String id) {
        Application application = findForChange(id); // a second deletion at once waits, then answers 404: one event
        applications.lockOrganizationRows(id); // in the order a role's deletion holds them, not the cascade's
        applications.delete(application);
        outbox.append(new ApplicationDeleted(id, versions.raise(id)), id);
    }

    /**
     * The application whose id and secret match, compared in constant time. The secret and the version come from
     * one statement, so a token never carries a version newer than the secret it was granted for.
     */
    @Transactional
    public Optional<AuthenticatedApplication> authenticate(String clientId, String secret) {
        Optional<ApplicationRepository.Credentials> app = clientId == null ? Optional.empty()
                : applications.credentials(clientId);
        boolean ok = Secrets.matches(secret, app.map(ApplicationRepository.Credentials::secretHash)
                .orElse(Secrets.hash("no-such-app")));
        return ok ? app.map(a -> new AuthenticatedApplication(clientId, a.version(), a.managementAccess()))
                : Optional.empty();
    }

    /** The old secret's tokens are refused from this version on: whoever held it keeps nothing. */
    private void secretRotated(String id) {
        outbox.append(new ApplicationSecretRotated(id, versions.raise(id)), id);
    }
}
