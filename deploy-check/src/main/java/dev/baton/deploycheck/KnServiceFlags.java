package dev.baton.deploycheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Knative Service that {@code kn service apply NAME [flags]} creates, built from its flags the way
 * kn documents them (kn_service_apply.md). A flag not handled here fails, so the script cannot use a
 * flag whose effect the comparison with the YAML would not see.
 */
final class KnServiceFlags {
    private static final String AUTOSCALING = "autoscaling.knative.dev/";

    private KnServiceFlags() {
    }

    static Resource toService(List<String> words) {
        if (words.size() < 4 || !words.subList(0, 3).equals(List.of("kn", "service", "apply"))) {
            throw new IllegalArgumentException("not a kn service apply command: " + words);
        }
        Map<String, Object> serviceLabels = new LinkedHashMap<>();
        Map<String, Object> revisionLabels = new LinkedHashMap<>();
        Map<String, Object> revisionAnnotations = new LinkedHashMap<>();
        Map<String, Object> container = new LinkedHashMap<>();
        Map<String, Object> templateSpec = new LinkedHashMap<>();
        List<Object> env = new ArrayList<>();
        String namespace = null;
        for (int i = 4; i < words.size(); i++) {
            String flag = words.get(i);
            if (flag.equals("--cluster-local")) {
                serviceLabels.put(ContractChecks.VISIBILITY, "cluster-local");
                continue;
            }
            if (flag.equals("--no-cluster-local")) {
                continue;
            }
            if (i + 1 >= words.size()) {
                throw new IllegalArgumentException("flag without value: " + flag);
            }
            String value = words.get(++i);
            switch (flag) {
                case "-n", "--namespace" -> namespace = value;
                case "--image" -> container.put("image", value);
                case "--port" -> container.put("ports", List.of(port(value)));
                case "--label" -> {
                    serviceLabels.put(key(value), val(value));
                    revisionLabels.put(key(value), val(value));
                }
                case "--label-service" -> serviceLabels.put(key(value), val(value));
                case "--label-revision" -> revisionLabels.put(key(value), val(value));
                case "--annotation-revision" -> revisionAnnotations.put(key(value), val(value));
                case "--scale-min" -> revisionAnnotations.put(AUTOSCALING + "min-scale", value);
                case "--scale-max" -> revisionAnnotations.put(AUTOSCALING + "max-scale", value);
                case "--scale-target" -> revisionAnnotations.put(AUTOSCALING + "target", value);
                case "--scale-utilization" -> revisionAnnotations.put(AUTOSCALING + "target-utilization-percentage", value);
                case "--scale-metric" -> revisionAnnotations.put(AUTOSCALING + "metric", value);
                // kn 1.23 keeps these as deprecated aliases of --scale-target and --scale-utilization.
                case "--concurrency-target", "--concurrency-utilization" -> throw new IllegalArgumentException(
                        "kn flag " + flag + " is a deprecated alias: use --scale-" + flag.substring("--concurrency-".length()));
                case "--concurrency-limit" -> templateSpec.put("containerConcurrency", Integer.parseInt(value));
                case "--probe-readiness" -> probe(container, "readinessProbe").putAll(httpProbe(value));
                case "--probe-liveness" -> probe(container, "livenessProbe").putAll(httpProbe(value));
                case "--probe-readiness-opts" -> probe(container, "readinessProbe").putAll(probeOptions(value));
                case "--probe-liveness-opts" -> probe(container, "livenessProbe").putAll(probeOptions(value));
                case "--env" -> env.add(new LinkedHashMap<>(Map.of("name", key(value), "value", val(value))));
                case "--env-value-from" -> env.add(envFrom(value));
                case "--request" -> resources(container, "requests").putAll(pairs(value));
                case "--limit" -> resources(container, "limits").putAll(pairs(value));
                default -> throw new IllegalArgumentException("kn flag " + flag + " is not understood by this comparison");
            }
        }
        if (!env.isEmpty()) {
            container.put("env", env);
        }
        templateSpec.put("containers", List.of(container));
        Map<String, Object> templateMetadata = new LinkedHashMap<>();
        put(templateMetadata, "labels", revisionLabels);
        put(templateMetadata, "annotations", revisionAnnotations);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", words.get(3));
        metadata.put("namespace", namespace);
        put(metadata, "labels", serviceLabels);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", ContractChecks.KNATIVE_SERVICE_API);
        body.put("kind", "Service");
        body.put("metadata", metadata);
        body.put("spec", Map.of("template", Map.of("metadata", templateMetadata, "spec", templateSpec)));
        return new Resource(body, "kn service apply " + words.get(3));
    }

    /** NAME:PORT or PORT. */
    private static Map<String, Object> port(String value) {
        Map<String, Object> port = new LinkedHashMap<>();
        int colon = value.indexOf(':');
        if (colon >= 0) {
            port.put("name", value.substring(0, colon));
        }
        port.put("containerPort", Integer.parseInt(value.substring(colon + 1)));
        return port;
    }

    /** [http|https]:host:port:path; an empty host or port is left out. */
    private static Map<String, Object> httpProbe(String value) {
        String[] parts = value.split(":", 4);
        if (parts.length != 4 || !parts[0].equals("http")) {
            throw new IllegalArgumentException("only http:host:port:path probes are understood: " + value);
        }
        Map<String, Object> httpGet = new LinkedHashMap<>();
        if (!parts[1].isEmpty()) {
            httpGet.put("host", parts[1]);
        }
        httpGet.put("path", parts[3]);
        if (!parts[2].isEmpty()) {
            httpGet.put("port", Integer.parseInt(parts[2]));
        }
        return Map.of("httpGet", httpGet);
    }

    /** InitialDelaySeconds=20,PeriodSeconds=10 -> initialDelaySeconds: 20, periodSeconds: 10. */
    private static Map<String, Object> probeOptions(String value) {
        Map<String, Object> options = new LinkedHashMap<>();
        pairs(value).forEach((k, v) -> options.put(Character.toLowerCase(k.charAt(0)) + k.substring(1), Integer.parseInt(String.valueOf(v))));
        return options;
    }

    /** NAME=cm:configmap:key or NAME=secret:secret:key. */
    private static Map<String, Object> envFrom(String value) {
        String[] source = val(value).split(":", 3);
        String ref = switch (source[0]) {
            case "cm", "config-map" -> "configMapKeyRef";
            case "secret", "sc" -> "secretKeyRef";
            default -> throw new IllegalArgumentException("unknown --env-value-from source: " + value);
        };
        Map<String, Object> keyRef = new LinkedHashMap<>();
        keyRef.put("name", source[1]);
        keyRef.put("key", source[2]);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("name", key(value));
        env.put("valueFrom", Map.of(ref, keyRef));
        return env;
    }

    private static Map<String, Object> pairs(String value) {
        Map<String, Object> pairs = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            pairs.put(key(pair), val(pair));
        }
        return pairs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> probe(Map<String, Object> container, String name) {
        return (Map<String, Object>) container.computeIfAbsent(name, k -> new LinkedHashMap<>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources(Map<String, Object> container, String bound) {
        Map<String, Object> resources = (Map<String, Object>) container.computeIfAbsent("resources", k -> new LinkedHashMap<>());
        return (Map<String, Object>) resources.computeIfAbsent(bound, k -> new LinkedHashMap<>());
    }

    private static void put(Map<String, Object> target, String key, Map<String, Object> values) {
        if (!values.isEmpty()) {
            target.put(key, values);
        }
    }

    private static String key(String pair) {
        return pair.substring(0, pair.indexOf('='));
    }

    private static String val(String pair) {
        return pair.substring(pair.indexOf('=') + 1);
    }
}
