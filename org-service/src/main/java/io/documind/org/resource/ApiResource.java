package io.documind.org.resource;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** An API of the platform's user: its indicator becomes the aud of the tokens issued for it (RFC 8707). */
@MappedEntity("api_resource")
public record ApiResource(@Id String id, String name, String indicator, int accessTokenTtl, Instant createdAt) {
}
