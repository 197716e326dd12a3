package dev.baton.deploycheck;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may open a connection to a Knative Service's pods, read from the NetworkPolicies: each peer as
 * "namespace <name>, pods <k=v,...>", followed by ", ports [..]" when its rule is limited to ports.
 * A pod no policy selects is open to every pod ("any"), as Kubernetes has it. Handles what Baton's policies use: matchLabels and In expressions, namespaces
 * by kubernetes.io/metadata.name.
 */
final class NetworkPolicyPeers {
    static final String ANY = "any";

    private NetworkPolicyPeers() {
    }

    /** The peers allowed to reach the pods of Knative Service {@code service} in {@code namespace}. */
    static Set<String> allowedInto(List<Resource> resources, String namespace, String service) {
        Map<String, Object> podLabels = Map.of("serving.knative.dev/service", service);
        Set<String> peers = new TreeSet<>();
        boolean selected = false;
        for (Resource policy : resources) {
            if (!policy.is("NetworkPolicy", "networking.k8s.io") || !namespace.equals(policy.namespace())
                    || !selects(policy.map("spec", "podSelector"), podLabels)) {
                continue;
            }
            selected = true;
            for (Object rule : listOrEmpty(policy.get("spec", "ingress"))) {
                List<Object> ports = listOrEmpty(Maps.get(rule, "ports")).stream().map(p -> Maps.get(p, "port")).toList();
                for (Object from : listOrEmpty(Maps.get(rule, "from"))) {
                    peers.add(peer(Maps.map(from)) + (ports.isEmpty() ? "" : ", ports " + ports));
                }
            }
        }
        return selected ? peers : Set.of(ANY);
    }

    private static String peer(Map<String, Object> from) {
        Object ns = Maps.get(from, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name");
        Map<String, Object> pods = Maps.map(from, "podSelector", "matchLabels");
        return "namespace " + (from.containsKey("namespaceSelector") ? String.valueOf(ns) : "(own)")
                + ", pods " + (pods.isEmpty() ? "all" : new java.util.TreeMap<>(pods));
    }

    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        Map<String, Object> match = Maps.map(selector, "matchLabels");
        if (!match.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        for (Object expression : listOrEmpty(selector.get("matchExpressions"))) {
            String key = Maps.string(expression, "key");
            String operator = Maps.string(expression, "operator");
            List<Object> values = listOrEmpty(Maps.get(expression, "values"));
            boolean in = values.contains(labels.get(key));
            if (!("In".equals(operator) ? in : "NotIn".equals(operator) ? !in : false)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOrEmpty(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
