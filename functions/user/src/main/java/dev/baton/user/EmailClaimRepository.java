package dev.baton.user;

import dev.baton.eventing.contract.Databases;
import io.micronaut.data.mongodb.annotation.MongoDeleteQuery;
import io.micronaut.data.mongodb.annotation.MongoRepository;
import io.micronaut.data.repository.CrudRepository;

@MongoRepository(databaseName = Databases.USER)
public interface EmailClaimRepository extends CrudRepository<EmailClaim, String> {

    /** Gives an address back, but only if this operation holds it. */
    @MongoDeleteQuery(filter = "{_id: :email, operationId: :operationId}")
    long release(String email, String operationId);
}
