package io.documind.document.documents;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A key this service's instances share (table {@code service_secret}). */
@MappedEntity("service_secret")
public record ServiceSecret(@Id String name, byte[] value) {
}
