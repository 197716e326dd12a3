package dev.baton.local.bench;

import dev.baton.eventing.contract.BatonEventType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CloudEvent in binary mode, the way Knative's KafkaSource POSTs it: the attributes as {@code ce-*} headers and
 * the JSON data as the body.
 *
 * @param operationId the subject and partition key, as every Baton event has
 */
record DispatchEvent(String id, BatonEventType type, String source, String operationId, String time, byte[] data) {

    static final String CONTENT_TYPE = "application/json";

    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", id);
        headers.put("ce-type", type.type());
        headers.put("ce-source", source);
        headers.put("ce-subject", operationId);
        headers.put("ce-time", time);
        headers.put("ce-partitionkey", operationId);
        return headers;
    }

    /** Short name for the report: {@code approval.requested}, {@code create.completed}, ... */
    String shortType() {
        return type.type().substring("dev.baton.user.".length());
    }
}
