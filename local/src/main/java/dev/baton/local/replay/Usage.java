package dev.baton.local.replay;

/** The text of {@code ./baton replay --help}. */
final class Usage {
    static final String TEXT = """
            usage: ./baton replay [--from] TOPIC [filters] (--dry-run | --to-url URL | --to-topic TOPIC) [sending]
                   ./baton replay --redrive TOPIC.dlq [filters] [--dry-run | --to-url URL] [sending]
                   ./baton replay reset --function NAME (--to-time T | --to-offset N | --to-earliest | --to-latest)
                                        [--topic TOPIC] [--partition P] [--execute]
                   ./baton replay rebuild operations|users [--into DB] [--verify] [--operation ID] [--mongodb-uri URI]
                   (on Knative the same as: kn baton replay ...)

            Replays Baton's CloudEvents from Kafka. Every record keeps its ce-id and key, so the idempotent
            handlers recognise what they have seen: replaying twice changes nothing. See docs/replay.md.

            Selecting (any Baton topic, or its .dlq):
              --partition P            only this partition
              --from-offset N          from this offset on (inclusive)
              --to-offset N            up to this offset (inclusive)
              --since T / --until T    record time from T (inclusive) / before T, e.g. 2026-12-01T10:00:00Z
              --type TYPE              CloudEvent type, repeatable; user.create.requested = dev.baton.user.create.requested
              --operation ID           operation id (record key or ce-subject), repeatable
              --limit N                at most N records, the earliest first

            Where to:
              --dry-run                list id, type, subject, time, partition/offset and the count; send nothing
              --to-url URL             POST each as a binary-mode CloudEvent, as a KafkaSource does, adding
                                       knativekafkapartition/knativekafkaoffset
              --to-topic TOPIC         write each to TOPIC with the same key and ce_ headers
              --redrive TOPIC.dlq      write each dead letter back to the topic it came from (batonsourcetopic),
                                       without Baton's error extensions; with --to-url, POST it instead

            Sending:
              --concurrency N          records in flight at once (default 4)
              --rate R                 at most R records started per second (default: no limit)
              --retries N              retries of a 5xx or a broken connection, with exponential backoff (default 5)
              --backoff-ms MS          the first backoff (default 200, doubling)
              --on-4xx stop|skip       on a 4xx answer stop the run (default) or count it and carry on

            Resetting offsets (the function's consumer group, the one its KafkaSource uses):
              --function NAME          operation, user or approval
              --topic TOPIC            only this one of its topics (default: all it consumes)
              --execute                apply it; without it, print the plan only
              Kafka resets an empty group only: stop the function's delivery first (the error says how).

            Rebuilding a view (a function's MongoDB database made again from the events on Kafka alone):
              operations               operation_service.operations, from user-create and user-create-response
              users                    user_service.users and emails, from user-approve and user-create-response
              --into DB                the database to write (default <live database>_rebuilt; emptied first). The live
                                       database itself only while it is empty (the view was lost)
              --verify                 compare the rebuilt view with the live one and print every difference
                                       (collection, id, field, live and rebuilt value); exit 8 if there is any
              --operation ID           only these operations (repeatable), e.g. to check a few signups
              --mongodb-uri URI        MONGODB_URI (default mongodb://localhost:$BATON_MONGO_PORT or :27017)

            Kafka (flags, or the functions' environment variables):
              --bootstrap-servers      KAFKA_BOOTSTRAP_SERVERS (default localhost:$BATON_KAFKA_PORT or localhost:9092)
              --security-protocol      KAFKA_SECURITY_PROTOCOL
              --sasl-mechanism         KAFKA_SASL_MECHANISM
              --sasl-jaas-config       KAFKA_SASL_JAAS_CONFIG

            Exit codes: 0 all done; 1 some records failed (4xx skipped, 5xx after retries); 2 usage;
              3 unknown topic; 4 Kafka or the URL cannot be reached; 5 --since before the topic's retention;
              6 consumer group not empty; 7 a 4xx with --on-4xx stop; 8 --verify found differences.
            """;

    private Usage() {
    }
}
