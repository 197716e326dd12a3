package dev.baton.deploycheck;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.baton.deploycheck.KustomizeTest.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The sender-identity overlay: each sink takes events only from its own KafkaSource, for its own audience. */
class SenderIdentityOverlayTest {
    private static final Map<String, String> SINK_OF_SOURCE = Map.of(
            "baton-operation", "baton-operation-events",
            "baton-user", "baton-user",
            "baton-approval", "baton-approval");

    private final List<Resource> resources = Kustomize.build(Repository.knative().resolve("overlays/sender-identity"));

    @Test
    void everySinkChecksTheTokenOfItsOwnSourceForItsOwnAudience() {
        SINK_OF_SOURCE.forEach((source, sink) -> {
            Resource kafkaSource = one(resources, "KafkaSource", source);
            assertEquals(sink, kafkaSource.string("spec", "sink", "ref", "name"));
            assertEquals(sink, kafkaSource.string("spec", "sink", "audience"), source + " sends tokens for its sink");

            Map<String, Object> env = env(one(resources, "Service", sink));
            assertEquals("true", env.get("BATON_EVENT_AUTH_ENABLED"), sink);
            assertEquals(sink, env.get("BATON_EVENT_AUTH_AUDIENCE"), sink);
            assertEquals("system:serviceaccount:baton:" + source + "-oidc-sources.knative.dev-kafkasource",
                    env.get("BATON_EVENT_AUTH_SUBJECTS"), sink + " accepts its own source's service account only");
            assertEquals(Map.of("configMapKeyRef", Map.of("name", "baton-sender-identity", "key", "issuer")),
                    env.get("BATON_EVENT_AUTH_ISSUER"), sink);
        });
        assertEquals("https://kubernetes.default.svc.cluster.local",
                one(resources, "ConfigMap", "baton-sender-identity").string("data", "issuer"));
    }

    @Test
    void thePublicApiHasNoSinkAndNeedsNoToken() {
        Map<String, Object> env = env(one(resources, "Service", "baton-operation"));
        assertEquals("false", env.get("BATON_EVENTS_ENABLED"));
        assertNull(env.get("BATON_EVENT_AUTH_ENABLED"));
    }

    @Test
    void theOtherOverlaysLeaveItOff() {
        for (String overlay : List.of("overlays/local", "overlays/managed")) {
            for (String sink : SINK_OF_SOURCE.values()) {
                assertNull(env(one(Kustomize.build(Repository.knative().resolve(overlay)), "Service", sink))
                        .get("BATON_EVENT_AUTH_ENABLED"), overlay + " " + sink);
            }
        }
    }

    /** name → value, or the valueFrom map. */
    private static Map<String, Object> env(Resource service) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object entry : service.list("spec", "template", "spec", "containers", 0, "env")) {
            Object value = Maps.map(entry).containsKey("value") ? Maps.string(entry, "value") : Maps.map(entry, "valueFrom");
            env.put(Maps.string(entry, "name"), value);
        }
        return env;
    }
}
