package dev.baton.deploycheck;

import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether the observability pieces (knative/observability, rendered) fit the Baton deployment they
 * watch (an overlay, rendered) and the platform it runs on: the PodMonitors select every function's
 * pods exactly once and scrape the port the functions serve metrics on, the platform monitors select
 * what Knative and Strimzi actually run, the NetworkPolicy lets that Prometheus in, and the dashboard
 * names the deployment's Services, topics and consumer groups and is the file the ConfigMap carries.
 */
final class ObservabilityChecks {
    static final String PODMONITOR_GROUP = "monitoring.coreos.com";
    /** Where kube-prometheus-stack runs (Terraform observability module, docs/deploy.md). */
    static final String PROMETHEUS_NAMESPACE = "monitoring";
    /** The name Knative gives the serving port of the user container in a revision's Deployment. */
    static final String KNATIVE_USER_PORT = "user-port";
    static final String SERVICE_LABEL = "serving.knative.dev/service";
    private static final Pattern ADDRESS = Pattern.compile("\\$1:(\\d+)");

    private final List<Resource> baton;
    private final List<Resource> observability;
    private final List<Resource> platform;
    private final Dashboard dashboard;
    private final Map<String, Object> dashboardSidecar;
    private final List<String> problems = new ArrayList<>();

    private ObservabilityChecks(List<Resource> baton, List<Resource> observability, List<Resource> platform, Dashboard dashboard,
                                Map<String, Object> dashboardSidecar) {
        this.baton = baton;
        this.observability = observability;
        this.platform = platform;
        this.dashboard = dashboard;
        this.dashboardSidecar = dashboardSidecar;
    }

    /**
     * @param baton            a rendered Baton overlay
     * @param observability    knative/observability, rendered
     * @param platform         knative/platform's manifests (the in-cluster Kafka)
     * @param dashboard        the dashboard file
     * @param dashboardSidecar the Grafana sidecar's dashboards settings (label, labelValue) the chart is installed with
     */
    static List<String> check(List<Resource> baton, List<Resource> observability, List<Resource> platform, Dashboard dashboard,
                              Map<String, Object> dashboardSidecar) {
        ObservabilityChecks checks = new ObservabilityChecks(baton, observability, platform, dashboard, dashboardSidecar);
        checks.functionMonitors();
        checks.autoscalerMonitor();
        checks.kafkaExporterMonitor();
        checks.prometheusMayScrape();
        checks.dashboardConfigMap();
        checks.dashboardNames();
        return checks.problems;
    }

    /** Each Knative Service of a function is scraped by exactly one PodMonitor, at the functions' metrics port. */
    private void functionMonitors() {
        Set<String> services = new TreeSet<>();
        String namespace = null;
        for (Resource ksvc : all(baton, "Service", "serving.knative.dev")) {
            services.add(ksvc.name());
            namespace = ksvc.namespace();
        }
        Integer port = ContractChecks.functionsMetricsPort(baton);
        Map<String, Integer> scrapedBy = new java.util.TreeMap<>();
        services.forEach(s -> scrapedBy.put(s, 0));
        for (Resource monitor : all(observability, "PodMonitor", PODMONITOR_GROUP)) {
            List<Object> namespaces = monitor.list("spec", "namespaceSelector", "matchNames");
            if (!namespaces.contains(namespace)) {
                continue;
            }
            Set<String> selected = new TreeSet<>();
            for (String service : services) {
                if (NetworkPolicyPeers.selects(monitor.map("spec", "selector"), Map.of(SERVICE_LABEL, service))) {
                    selected.add(service);
                    scrapedBy.merge(service, 1, Integer::sum);
                }
            }
            if (selected.isEmpty()) {
                problems.add(monitor + ": selects the pods of no Baton function in " + namespace + " (Knative Services " + services + ")");
                continue;
            }
            if (namespaces.size() != 1) {
                problems.add(monitor + ": a function PodMonitor selects the namespace " + namespace + " only, got " + namespaces);
            }
            functionEndpoints(monitor, port);
        }
        scrapedBy.forEach((service, count) -> {
            if (count != 1) {
                problems.add("Knative Service " + service + " is scraped by " + count + " PodMonitors, not 1"
                        + (count == 0 ? ": its metrics would be missing" : ": its series would be counted " + count + " times"));
            }
        });
    }

    /** One endpoint: the declared user-port target, moved to the metrics port of the same pod IP, path /metrics. */
    private void functionEndpoints(Resource monitor, Integer port) {
        List<Object> endpoints = monitor.list("spec", "podMetricsEndpoints");
        if (endpoints.size() != 1) {
            problems.add(monitor + ": one podMetricsEndpoint per function pod, got " + endpoints.size());
        }
        for (Object endpoint : endpoints) {
            if (!KNATIVE_USER_PORT.equals(Maps.string(endpoint, "port")) || Maps.get(endpoint, "portNumber") != null) {
                problems.add(monitor + ": must select the target of the declared port " + KNATIVE_USER_PORT
                        + " (one per pod; queue-proxy's ports would scrape the sidecar), got port " + Maps.get(endpoint, "port")
                        + " portNumber " + Maps.get(endpoint, "portNumber"));
            }
            if (!"/metrics".equals(Maps.string(endpoint, "path"))) {
                problems.add(monitor + ": path must be /metrics, got " + Maps.get(endpoint, "path"));
            }
            Integer scraped = null;
            for (Object relabel : Maps.list(endpoint, "relabelings")) {
                if ("__address__".equals(Maps.string(relabel, "targetLabel"))) {
                    Matcher m = ADDRESS.matcher(String.valueOf(Maps.get(relabel, "replacement")));
                    boolean fromPodIp = List.of("__meta_kubernetes_pod_ip").equals(Maps.list(relabel, "sourceLabels"));
                    if (m.matches() && fromPodIp) {
                        scraped = Integer.valueOf(m.group(1));
                    } else {
                        problems.add(monitor + ": the __address__ relabeling must be __meta_kubernetes_pod_ip -> $1:<port>, got " + relabel);
                    }
                }
            }
            if (scraped == null) {
                problems.add(monitor + ": no relabeling moves the target to the metrics port, so it would scrape the serving port");
            } else if (!scraped.equals(port)) {
                problems.add(monitor + ": scrapes port " + scraped + ", but the functions serve metrics on " + port + " ("
                        + ContractChecks.METRICS_PORT_ENV + ")");
            }
        }
    }

    /** The autoscaler's pods, labelled app: autoscaler in knative-serving, on their declared port metrics. */
    private void autoscalerMonitor() {
        List<Resource> monitors = all(observability, "PodMonitor", PODMONITOR_GROUP).stream()
                .filter(m -> m.list("spec", "namespaceSelector", "matchNames").contains("knative-serving")).toList();
        if (monitors.size() != 1) {
            problems.add("expected one PodMonitor for the Knative autoscaler (namespace knative-serving), found " + monitors.size());
            return;
        }
        Resource monitor = monitors.get(0);
        if (!NetworkPolicyPeers.selects(monitor.map("spec", "selector"), Map.of("app", "autoscaler"))
                || NetworkPolicyPeers.selects(monitor.map("spec", "selector"), Map.of("app", "activator"))) {
            problems.add(monitor + ": must select the autoscaler's pods (app: autoscaler) and only those");
        }
        endpointPort(monitor, "metrics");
    }

    /** Strimzi's exporter of the in-cluster Kafka: it must exist (kafkaExporter), and the monitor must select its pods. */
    private void kafkaExporterMonitor() {
        List<Resource> clusters = all(platform, "Kafka", "kafka.strimzi.io");
        for (Resource cluster : clusters) {
            if (!(cluster.get("spec", "kafkaExporter") instanceof Map)) {
                problems.add(cluster + ": no kafkaExporter, so the dashboard would have no broker-side offsets or lag");
            }
            Map<String, Object> exporterPod = Map.of("strimzi.io/cluster", cluster.name(), "strimzi.io/name", cluster.name() + "-kafka-exporter",
                    "strimzi.io/kind", "Kafka");
            List<Resource> monitors = all(observability, "PodMonitor", PODMONITOR_GROUP).stream()
                    .filter(m -> m.list("spec", "namespaceSelector", "matchNames").contains(cluster.namespace()))
                    .filter(m -> NetworkPolicyPeers.selects(m.map("spec", "selector"), exporterPod)).toList();
            if (monitors.size() != 1) {
                problems.add(cluster + ": expected one PodMonitor selecting its kafka-exporter pod " + exporterPod + " in "
                        + cluster.namespace() + ", found " + monitors.size());
                continue;
            }
            endpointPort(monitors.get(0), "tcp-prometheus");
        }
    }

    private void endpointPort(Resource monitor, String port) {
        List<Object> endpoints = monitor.list("spec", "podMetricsEndpoints");
        if (endpoints.size() != 1 || !port.equals(Maps.string(endpoints.get(0), "port"))) {
            problems.add(monitor + ": must scrape the declared port " + port + " (one endpoint), got " + endpoints);
        }
    }

    /** The NetworkPolicy's Prometheus peer is the namespace the observability pieces are installed to. */
    private void prometheusMayScrape() {
        Set<String> namespaces = new TreeSet<>();
        observability.forEach(r -> namespaces.add(String.valueOf(r.namespace())));
        if (!Set.of(PROMETHEUS_NAMESPACE).equals(namespaces)) {
            problems.add("the observability pieces belong in " + PROMETHEUS_NAMESPACE + " with Prometheus, got " + namespaces);
        }
        Integer port = ContractChecks.functionsMetricsPort(baton);
        for (Resource ksvc : all(baton, "Service", "serving.knative.dev")) {
            Set<String> peers = NetworkPolicyPeers.allowedInto(baton, ksvc.namespace(), ksvc.name());
            String prometheus = "namespace " + PROMETHEUS_NAMESPACE + ", pods " + new java.util.TreeMap<>(ContractChecks.PROMETHEUS);
            boolean admitted = peers.contains(NetworkPolicyPeers.ANY) || peers.contains(prometheus + ", ports [" + port + "]")
                    || peers.contains(prometheus);
            if (!admitted) {
                problems.add(ksvc + ": the NetworkPolicy does not let Prometheus (" + prometheus + ") reach port " + port + ": " + peers);
            }
        }
    }

    /** The dashboard ConfigMap is the dashboard file, labelled as the Grafana sidecar looks for. */
    private void dashboardConfigMap() {
        String label = Maps.string(dashboardSidecar, "label");
        String value = Maps.string(dashboardSidecar, "labelValue");
        List<Resource> configMaps = all(observability, "ConfigMap", "").stream()
                .filter(c -> label != null && Objects.equals(value, c.labels().get(label))).toList();
        if (configMaps.size() != 1) {
            problems.add("expected one ConfigMap labelled " + label + ": \"" + value + "\" (what the Grafana sidecar loads), found " + configMaps.size());
            return;
        }
        Map<String, Object> data = configMaps.get(0).map("data");
        if (data.size() != 1 || !String.valueOf(data.keySet().iterator().next()).endsWith(".json")) {
            problems.add(configMaps.get(0) + ": must hold one .json dashboard, got keys " + data.keySet());
            return;
        }
        try {
            Dashboard carried = Dashboard.parse(String.valueOf(data.values().iterator().next()), "ConfigMap");
            if (!carried.model().equals(dashboard.model())) {
                problems.add(configMaps.get(0) + ": does not carry the dashboard file");
            }
        } catch (IllegalArgumentException e) {
            problems.add(configMaps.get(0) + ": " + e.getMessage());
        }
    }

    /**
     * The names the dashboard spells out are the deployment's: its Service variable lists the Knative
     * Services, and the topic and consumer group alternatives in its queries are the contract's.
     */
    private void dashboardNames() {
        Set<String> services = new TreeSet<>();
        all(baton, "Service", "serving.knative.dev").forEach(s -> services.add(s.name()));
        Set<String> listed = new TreeSet<>(dashboard.customValues("service"));
        if (!services.equals(listed)) {
            problems.add("dashboard variable service lists " + listed + ", the deployment's Knative Services are " + services);
        }
        Set<String> topics = new TreeSet<>();
        Set<String> deadLetters = new TreeSet<>();
        for (Topic topic : Topic.values()) {
            topics.add(topic.topicName());
            deadLetters.add(topic.deadLetterTopicName());
        }
        Set<String> groups = new TreeSet<>();
        Stream.of(BatonFunction.values()).forEach(f -> groups.add(f.consumerGroup()));
        for (Dashboard.Query query : dashboard.queries()) {
            for (String alternatives : matcherValues(query.expr(), "topic")) {
                Set<String> named = names(alternatives);
                if (!named.equals(topics) && !named.equals(deadLetters)) {
                    problems.add("dashboard panel '" + query.panel() + "': topic=~\"" + alternatives + "\" names " + named
                            + ", not the contract's topics " + topics + " or dead-letter topics " + deadLetters);
                }
            }
            for (String alternatives : matcherValues(query.expr(), "consumergroup")) {
                if (!names(alternatives).equals(groups)) {
                    problems.add("dashboard panel '" + query.panel() + "': consumergroup=~\"" + alternatives + "\" names " + names(alternatives)
                            + ", not the KafkaSources' consumer groups " + groups);
                }
            }
        }
    }

    /** The values of label=~"..." matchers on a label in an expression. */
    private static List<String> matcherValues(String expr, String label) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("\\b" + label + "\\s*=~\\s*\"([^\"]*)\"").matcher(expr);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    /** A regex alternation of literal names, with [.] for a literal dot, as the names it matches. */
    private static Set<String> names(String alternatives) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : alternatives.split("\\|")) {
            names.add(name.replace("[.]", "."));
        }
        return new TreeSet<>(names);
    }

    private static List<Resource> all(List<Resource> resources, String kind, String group) {
        return resources.stream().filter(r -> r.is(kind, group)).toList();
    }
}
