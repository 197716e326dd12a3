package dev.baton.eventing.function;

import io.cloudevents.CloudEvent;

import java.util.function.Function;

/**
 * A Baton function's handler: takes one CloudEvent, does its work idempotently, publishes its next
 * events and returns once Kafka has acknowledged them. Throws {@link RejectedEventException} for an
 * event it can never process; any other exception means "try again later".
 * Both bindings call it: HTTP ({@code POST /}, as Knative's KafkaSource delivers) and local delivery.
 */
public interface CloudEventFunction extends Function<CloudEvent, Outcome> {
}
