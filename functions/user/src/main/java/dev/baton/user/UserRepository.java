package dev.baton.user;

import dev.baton.eventing.contract.Databases;
import io.micronaut.data.mongodb.annotation.MongoRepository;
import io.micronaut.data.mongodb.annotation.MongoUpdateQuery;
import io.micronaut.data.repository.CrudRepository;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

@MongoRepository(databaseName = Databases.USER)
public interface UserRepository extends CrudRepository<User, String> {

    /** Settles a pending signup; matches nothing if it was settled already, so the first decision wins. */
    @MongoUpdateQuery(
            filter = "{_id: :id, state: 'PENDING_APPROVAL'}",
            update = "{$set: {state: :state, reason: :reason, failureCode: :failureCode, decidedBy: :decidedBy, updatedAt: :updatedAt}}")
    long settle(String id, UserState state, String reason, @Nullable String failureCode, String decidedBy, Instant updatedAt);
}
