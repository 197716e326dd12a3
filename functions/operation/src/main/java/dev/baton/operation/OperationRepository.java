package dev.baton.operation;

import dev.baton.eventing.contract.Databases;
import dev.baton.eventing.contract.payload.ErrorInfo;
import io.micronaut.data.mongodb.annotation.MongoDeleteQuery;
import io.micronaut.data.mongodb.annotation.MongoFindQuery;
import io.micronaut.data.mongodb.annotation.MongoRepository;
import io.micronaut.data.mongodb.annotation.MongoUpdateQuery;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

/**
 * Every transition is conditional on the operation still being PENDING, so a terminal state never regresses. The
 * times written are those the events carry (when the result was decided) or the deadline, never the time of the
 * write, so that rebuilding the view from the events gives the same documents.
 */
@MongoRepository(databaseName = Databases.OPERATION)
public interface OperationRepository extends CrudRepository<Operation, String> {

    /** Applies a result decided at {@code decidedAt}, which becomes updatedAt; one decided at or after the deadline is too late. */
    @MongoUpdateQuery(
            filter = "{_id: :id, state: 'PENDING', deadline: {$gt: :decidedAt}}",
            update = "{$set: {state: 'COMPLETED', userId: :userId, userState: :userState, userCreatedAt: :userCreatedAt, updatedAt: :decidedAt}}")
    long complete(String id, String userId, String userState, Instant userCreatedAt, Instant decidedAt);

    @MongoUpdateQuery(
            filter = "{_id: :id, state: 'PENDING', deadline: {$gt: :decidedAt}}",
            update = "{$set: {state: 'FAILED', errorCode: :errorCode, errorMessage: :errorMessage, updatedAt: :decidedAt}}")
    long fail(String id, String errorCode, String errorMessage, Instant decidedAt);

    /** Ends an overdue operation with TIMEOUT as of its deadline, the time a rebuild from the events can give it too. */
    @MongoUpdateQuery(
            filter = "{_id: :id, state: 'PENDING'}",
            update = "{$set: {state: 'FAILED', errorCode: '" + ErrorInfo.TIMEOUT + "', errorMessage: '" + ErrorInfo.TIMEOUT_MESSAGE + "', updatedAt: :deadline}}")
    long expire(String id, Instant deadline);

    /** Pending operations whose deadline has passed. */
    @MongoFindQuery(filter = "{state: 'PENDING', deadline: {$lt: :now}}")
    List<Operation> findOverdue(Instant now);

    /** One round trip for many operations, by the _id index. */
    List<Operation> findByIdIn(List<String> ids);

    /** Operations still waiting for a result that were recorded before {@code before} and are not overdue at {@code now}. */
    @MongoFindQuery(filter = "{state: 'PENDING', createdAt: {$lt: :before}, deadline: {$gt: :now}}")
    List<Operation> findPendingBefore(Instant before, Instant now);

    /** Withdraws an operation whose request event never reached Kafka: it was not accepted. */
    @MongoDeleteQuery(filter = "{_id: :id, state: 'PENDING'}")
    long withdraw(String id);
}
