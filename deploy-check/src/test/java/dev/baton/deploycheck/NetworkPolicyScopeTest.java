package dev.baton.deploycheck;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which namespaces and pods may connect to which function's pods, as the rendered NetworkPolicies
 * have it. The public API Service is open (its route is the public entry); each event sink admits
 * only the two data-plane hops, and on one port each the two readers of metrics. What this cannot
 * show: the Kourier gateway forwards for any caller
 * that reaches kourier-internal, so the gateway is a peer on behalf of every pod (docs/deploy.md,
 * "Network access"; sender identity closes that).
 */
class NetworkPolicyScopeTest {
    /** The data plane on any port; the autoscaler on queue-proxy's stats port; Prometheus on the functions' metrics port. */
    private static final Set<String> DATA_PLANE = Set.of(
            "namespace knative-serving, pods {app=activator}",
            "namespace kourier-system, pods {app=3scale-kourier-gateway}",
            "namespace knative-serving, pods {app=autoscaler}, ports [9090]",
            "namespace monitoring, pods {app.kubernetes.io/name=prometheus}, ports [9095]");
    private static final Map<String, Set<String>> WHO_MAY_REACH = Map.of(
            "baton-operation", Set.of(NetworkPolicyPeers.ANY),
            "baton-operation-events", DATA_PLANE,
            "baton-user", DATA_PLANE,
            "baton-approval", DATA_PLANE);

    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/managed"})
    void eachFunctionAdmitsExactlyTheseNamespacesAndPods(String overlay) {
        List<Resource> resources = Kustomize.build(Repository.knative().resolve(overlay));
        for (Map.Entry<String, Set<String>> function : WHO_MAY_REACH.entrySet()) {
            assertEquals(function.getValue(), NetworkPolicyPeers.allowedInto(resources, "baton", function.getKey()), function.getKey());
        }
    }
}
