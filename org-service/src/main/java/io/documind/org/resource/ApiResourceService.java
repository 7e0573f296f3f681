package io.documind.org.resource;

import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemException;
import io.documind.org.authority.RoleHolders;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * API resources and their scopes. Taking scopes away (a scope or resource deleted) answers the organization members
 * and applications whose organization roles carried them, which TemplateService, through which deletions are
 * reached, announces after the template they changed, as its shrinking edits do; a renamed scope announces its holders
 * here. Global roles raise nothing (see RoleService).
 */
@Singleton
public class ApiResourceService {

    /** The platform's own audiences (urn:documind:api, :management, :organization:*): never a user's resource. */
    static final String RESERVED_PREFIX = "urn:documind:";
    private static final int DEFAULT_TTL = 3600;

    private final ApiResourceRepository resources;
    private final ResourceScopeRepository scopes;
    private final RoleHolders holders;

    public ApiResourceService(ApiResourceRepository resources, ResourceScopeRepository scopes,
                              RoleHolders holders) {
        this.resources = resources;
        this.scopes = scopes;
        this.holders = holders;
    }

    @Transactional
    public ApiResource create(String name, String indicator, Integer accessTokenTtl) {
        String checked = indicator(indicator);
        if (resources.findByIndicator(checked).isPresent()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "A resource with indicator " + checked
                    + " already exists", "indicator");
        }
        return resources.save(new ApiResource(UUID.randomUUID().toString(), name.strip(), checked,
                accessTokenTtl == null ? DEFAULT_TTL : accessTokenTtl, Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    @Transactional
    public List<ApiResource> page(PageRequest paging) {
        return resources.page(paging.pageSize(), paging.offset());
    }

    @Transactional
    public long count() {
        return resources.count();
    }

    @Transactional
    public ApiResource get(String id) {
        return resources.findById(id).orElseThrow(() -> ProblemException.notFound("API resource"));
    }

    /** The resource a token request names, if registered. */
    @Transactional
    public Optional<ApiResource> byIndicator(String indicator) {
        return resources.findByIndicator(indicator);
    }

    @Transactional
    public ApiResource update(String id, String name, Integer accessTokenTtl) {
        // Locked as read: a rename from an older read put back a token lifetime changed meanwhile.
        ApiResource r = resources.findByIdForUpdate(id).orElseThrow(() -> ProblemException.notFound("API resource"));
        return resources.update(new ApiResource(r.id(), name == null ? r.name() : name.strip(), r.indicator(),
                accessTokenTtl == null ? r.accessTokenTtl() : accessTokenTtl, r.createdAt()));
    }

    /**
     * Deletes the resource and answers the holders its scopes were taken from, for the caller to announce after the
     * template: every template edit locks the template's announcement before the holders' versions, and announcing
     * them here first could deadlock against one (TemplateService#deleteApiResource).
     */
    @Transactional
    public RoleHolders.Holders delete(String id) {
        ApiResource r = get(id);
        RoleHolders.Holders holding =
                holders.ofResourceScopes(scopes.ofResource(id).stream().map(ResourceScope::id).toList());
        resources.delete(r);
        return holding;
    }

    // --- scopes

    @Transactional
    public ResourceScope createScope(String resourceId, String name, String description) {
        ApiResource r = get(resourceId);
        if (scopes.existsByResourceIdAndName(r.id(), name)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "A scope named " + name
                    + " already exists on this resource", "name");
        }
        return scopes.save(new ResourceScope(UUID.randomUUID().toString(), r.id(), name, description,
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    @Transactional
    public List<ResourceScope> scopes(String resourceId) {
        return scopes.ofResource(get(resourceId).id());
    }

    @Transactional
    public ResourceScope updateScope(String resourceId, String scopeId, String name, String description) {
        ResourceScope s = scopes.findByIdAndResourceIdForUpdate(scopeId, get(resourceId).id()) // locked as read
                .orElseThrow(() -> ProblemException.notFound("Scope of this resource"));
        String n = name == null ? s.name() : name;
        if (!n.equals(s.name()) && scopes.existsByResourceIdAndName(resourceId, n)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "A scope named " + n
                    + " already exists on this resource", "name");
        }
        ResourceScope updated = scopes.update(new ResourceScope(s.id(), s.resourceId(), n,
                description == null ? s.description() : description, s.createdAt()));
        if (!n.equals(s.name())) {
            holders.announce(holders.ofResourceScopes(List.of(scopeId))); // tokens name the old one
        }
        return updated;
    }

    /** Deletes one scope and answers its holders, to be announced as {@link #delete}'s are. */
    @Transactional
    public RoleHolders.Holders deleteScope(String resourceId, String scopeId) {
        ResourceScope s = scope(resourceId, scopeId);
        RoleHolders.Holders holding = holders.ofResourceScopes(List.of(scopeId));
        scopes.delete(s);
        return holding;
    }

    /** The resource scopes of these ids, all of them existing or 422 naming {@code field}. */
    @Transactional
    public List<ResourceScope> existingScopes(Collection<String> ids, String field) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new LinkedHashSet<>(ids);
        List<ResourceScope> found = scopes.findByIds(wanted);
        if (found.size() != wanted.size()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown resource scope id", field);
        }
        return found;
    }

    /** Another resource's scope answers as a missing one. */
    private ResourceScope scope(String resourceId, String scopeId) {
        return scopes.findByIdAndResourceId(scopeId, get(resourceId).id())
                .orElseThrow(() -> ProblemException.notFound("Scope of this resource"));
    }

    /** RFC 8707 §2: an absolute URI without a fragment; the platform's own URNs are reserved. */
    private static String indicator(String indicator) {
        String value = indicator.strip();
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("indicator", "The indicator must be an absolute URI");
        }
        if (!uri.isAbsolute() || uri.getRawFragment() != null || value.chars().anyMatch(Character::isWhitespace)) {
            throw ProblemException.badRequest("indicator", "The indicator must be an absolute URI without a fragment");
        }
        if (value.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Indicators under " + RESERVED_PREFIX
                    + " are the platform's own", "indicator");
        }
        return value;
    }
}
