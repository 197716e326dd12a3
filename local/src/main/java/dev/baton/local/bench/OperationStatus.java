package dev.baton.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** The few fields of an operation body the benchmark needs. */
record OperationStatus(String id, boolean done, String state) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static OperationStatus parse(byte[] body) throws IOException {
        JsonNode node = JSON.readTree(body);
        if (node == null || !node.isObject()) {
            throw new IOException("operation body is not a JSON object");
        }
        String state = node.path("state").asText("");
        // done is the API's flag; the state check guards against a server that sets only one of them
        boolean done = node.path("done").asBoolean(false) || isTerminal(state);
        return new OperationStatus(node.path("id").asText(null), done, state);
    }

    boolean completed() {
        return "COMPLETED".equals(state);
    }

    private static boolean isTerminal(String state) {
        return "COMPLETED".equals(state) || "FAILED".equals(state);
    }
}
