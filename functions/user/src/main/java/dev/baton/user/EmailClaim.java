package dev.baton.user;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One document per e-mail address in use: inserting it is how a signup claims the address, atomically. */
@MappedEntity("emails")
public record EmailClaim(@Id String email, String operationId) {
}
