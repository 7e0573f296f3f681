package io.documind.kit.authority;

import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The newest authority version learned for a key (see the kit migration V0_3): tokens it covers whose version is
 * below {@link #version} are refused. An empty subject or organization id means "any".
 *
 * @param learnedAt when this service recorded it (epoch ms, database clock); forgotten a token lifetime later
 */
@Serdeable
@MappedEntity("authority_floor")
public record Floor(String subject, String organizationId, long version, Cause cause, long learnedAt) {

    /** No organization (the subject's own authority) or no subject (the whole organization). */
    public static final String ANY = "";

    /** A deleted organization's floor: above every version, so every token for it is refused. */
    static Floor organizationDeleted(String organizationId) {
        return new Floor(ANY, organizationId, Long.MAX_VALUE, Cause.OrganizationDeleted, 0);
    }

    static Floor subject(String subject, long version, Cause cause) {
        return new Floor(subject, ANY, version, cause, 0);
    }

    static Floor membership(String subject, String organizationId, long version, Cause cause) {
        return new Floor(subject, organizationId, version, cause, 0);
    }

    Key key() {
        return new Key(subject, organizationId);
    }

    /** The newer of two floors for one key. */
    static Floor newer(Floor a, Floor b) {
        if (a.version != b.version) {
            return b.version > a.version ? b : a;
        }
        return b.learnedAt > a.learnedAt ? b : a;
    }

    record Key(String subject, String organizationId) {
    }
}
