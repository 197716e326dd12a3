package dev.baton.operation;

import dev.baton.eventing.contract.Databases;
import io.micronaut.data.mongodb.annotation.MongoDeleteQuery;
import io.micronaut.data.mongodb.annotation.MongoFindQuery;
import io.micronaut.data.mongodb.annotation.MongoRepository;
import io.micronaut.data.mongodb.annotation.MongoUpdateQuery;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

/** Every transition is conditional on the operation still being PENDING, so a terminal state never regresses. */
@MongoRepository(databaseName = Databases.OPERATION)
public interface OperationRepository extends CrudRepository<Operation, String> {

    @MongoUpdateQuery(
            filter = "{_id: :id, state: 'PENDING'}",
            update = "{$set: {state: 'COMPLETED', userId: :userId, userState: :userState, userCreatedAt: :userCreatedAt, updatedAt: :now}}")
    long complete(String id, String userId, String userState, Instant userCreatedAt, Instant now);

    @MongoUpdateQuery(
            filter = "{_id: :id, state: 'PENDING'}",
            update = "{$set: {state: 'FAILED', errorCode: :errorCode, errorMessage: :errorMessage, updatedAt: :now}}")
    long fail(String id, String errorCode, String errorMessage, Instant now);

    @MongoUpdateQuery(
            filter = "{state: 'PENDING', deadline: {$lt: :now}}",
            update = "{$set: {state: 'FAILED', errorCode: 'TIMEOUT', errorMessage: 'the signup did not finish before its deadline', updatedAt: :now}}")
    long expireOverdue(Instant now);

    /** One round trip for many operations, by the _id index. */
    List<Operation> findByIdIn(List<String> ids);

    /** Operations still waiting for a result that were recorded before {@code before} and are not overdue at {@code now}. */
    @MongoFindQuery(filter = "{state: 'PENDING', createdAt: {$lt: :before}, deadline: {$gt: :now}}")
    List<Operation> findPendingBefore(Instant before, Instant now);

    /** Withdraws an operation whose request event never reached Kafka: it was not accepted. */
    @MongoDeleteQuery(filter = "{_id: :id, state: 'PENDING'}")
    long withdraw(String id);
}
