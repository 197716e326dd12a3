package dev.baton.eventing.contract;

/** The JSON data of a Baton CloudEvent. Every payload carries the operation it belongs to. */
public interface BatonPayload {
    String operationId();
}
