package dev.baton.deploycheck;

import dev.baton.eventing.contract.BatonEventType;
import dev.baton.eventing.contract.BatonFunction;
import dev.baton.eventing.contract.Topic;
import dev.baton.eventing.delivery.RecordEvents;
import dev.baton.eventing.publish.EventPublisher;
import dev.baton.eventing.publish.PublisherConfig;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the CRD schemas cannot say about a rendered Baton deployment: the admission webhooks' rules,
 * references between resources, and agreement with the event contract in the eventing module
 * (BatonFunction, Topic, BatonEventType), which is the one source of truth for names.
 */
public final class ContractChecks {
    static final String KNATIVE_SERVICE_API = "serving.knative.dev/v1";
    static final String VISIBILITY = "networking.knative.dev/visibility";
    /** A delivery attempt must outlast a JVM cold start (knative/jib/README.md) with room for an image pull. */
    /**
     * A handler's publish may take EventPublisher.MAX_BLOCK plus the default ack timeout (13 s); a
     * delivery timeout below that, plus a margin for the handler's own work, would cut a publish off
     * and retry an event whose output may still land.
     */
    static final Duration PUBLISH_BOUND = EventPublisher.MAX_BLOCK.plus(Duration.parse("PT" + PublisherConfig.DEFAULT_ACK_TIMEOUT.toUpperCase()));
    static final Duration MIN_DELIVERY_TIMEOUT = PUBLISH_BOUND.plusSeconds(2).compareTo(Duration.ofSeconds(15)) > 0
            ? PUBLISH_BOUND.plusSeconds(2) : Duration.ofSeconds(15);

    static final String METRICS_PORT_ENV = "BATON_METRICS_PORT";
    /**
     * Ports queue-proxy listens on in every revision pod, which the user container shares: Knative's
     * reservedPorts (serving knative-v1.23.0 pkg/apis/serving/k8s_validation.go: 8012, 8013, 8022,
     * 9090, 9091 and the profiling port 8008) and the HTTPS backend port 8112 (pkg/networking/constants.go).
     */
    static final Set<Integer> KNATIVE_RESERVED_PORTS = Set.of(8008, 8012, 8013, 8022, 8112, 9090, 9091);
    /** queue-proxy's autoscaling metrics, which the autoscaler's stats scraper reads at the pod IP. */
    static final int QUEUE_PROXY_METRICS_PORT = 9090;
    static final Map<String, Object> AUTOSCALER = Map.of("app", "autoscaler");
    /** The label prometheus-operator (v0.93) puts on every Prometheus server pod it runs. */
    static final Map<String, Object> PROMETHEUS = Map.of("app.kubernetes.io/name", "prometheus");

    private final List<Resource> resources;
    private final List<String> problems = new ArrayList<>();

    private ContractChecks(List<Resource> resources) {
        this.resources = resources;
    }

    /** The problems found; empty when the deployment agrees with the contract. */
    public static List<String> check(List<Resource> resources) {
        ContractChecks checks = new ContractChecks(resources);
        checks.services();
        checks.sources();
        checks.triggerAutoscaling();
        checks.references();
        checks.deadLetters();
        checks.topics();
        checks.configuration();
        checks.bootstrapServers();
        checks.eventSinks();
        checks.networkPolicy();
        checks.metricsPort();
        return checks.problems;
    }

    private void services() {
        Set<String> expected = new TreeSet<>();
        for (BatonFunction function : BatonFunction.values()) {
            for (String name : new TreeSet<>(List.of(function.serviceName(), function.sinkServiceName()))) {
                expected.add(name);
                Optional<Resource> service = find("Service", "serving.knative.dev", name);
                if (service.isEmpty()) {
                    problems.add("no Knative Service " + name);
                } else {
                    service(service.get(), function == BatonFunction.OPERATION && name.equals(function.serviceName()));
                }
            }
        }
        for (Resource ksvc : all("Service", "serving.knative.dev")) {
            if (!expected.contains(ksvc.name())) {
                problems.add(ksvc + ": not a Baton function " + expected);
            }
        }
    }

    private void service(Resource ksvc, boolean shouldBePublic) {
        boolean clusterLocal = "cluster-local".equals(ksvc.labels().get(VISIBILITY));
        if (clusterLocal == shouldBePublic) {
            problems.add(ksvc + ": must be " + (shouldBePublic ? "public (no " : "cluster-local (") + VISIBILITY + " label)");
        }
        Map<String, Object> annotations = ksvc.map("spec", "template", "metadata", "annotations");
        if (!"0".equals(annotations.get("autoscaling.knative.dev/min-scale"))) {
            problems.add(ksvc + ": must scale to zero (autoscaling.knative.dev/min-scale: \"0\")");
        }
        positiveInteger(ksvc, annotations, "autoscaling.knative.dev/max-scale");
        positiveInteger(ksvc, annotations, "autoscaling.knative.dev/target");
        Map<String, Object> container = Maps.map(ksvc.get("spec", "template", "spec", "containers", 0));
        if (!"/health/readiness".equals(Maps.string(container, "readinessProbe", "httpGet", "path"))
                || !"/health/liveness".equals(Maps.string(container, "livenessProbe", "httpGet", "path"))) {
            problems.add(ksvc + ": readiness and liveness probes must use /health/readiness and /health/liveness");
        }
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (Maps.get(container, "resources", bound, resource) == null) {
                    problems.add(ksvc + ": resources." + bound + "." + resource + " is not set");
                }
            }
        }
        if (!"0.0.0.0".equals(envValue(ksvc, "BATON_HOST"))) {
            problems.add(ksvc + ": BATON_HOST must be 0.0.0.0 (the functions bind to loopback by default, and the kubelet probes the pod IP)");
        }
    }

    private void sources() {
        Set<String> expected = new TreeSet<>();
        for (BatonFunction function : BatonFunction.values()) {
            List<Resource> sources = all("KafkaSource", "sources.knative.dev").stream()
                    .filter(s -> function.sinkServiceName().equals(s.string("spec", "sink", "ref", "name"))).toList();
            if (sources.size() != 1) {
                problems.add(function.sinkServiceName() + ": expected one KafkaSource delivering to it, found " + sources.size());
                continue;
            }
            Resource source = sources.get(0);
            expected.add(source.name());
            List<String> topics = function.consumes().stream().map(Topic::topicName).toList();
            if (!new TreeSet<>(topics).equals(new TreeSet<>(strings(source.list("spec", "topics"))))) {
                problems.add(source + ": topics " + source.list("spec", "topics") + " differ from the contract's " + topics);
            }
            if (!function.consumerGroup().equals(source.string("spec", "consumerGroup"))) {
                problems.add(source + ": consumerGroup " + source.string("spec", "consumerGroup")
                        + " differs from local delivery's " + function.consumerGroup());
            }
            if (!"earliest".equals(source.string("spec", "initialOffset"))) {
                problems.add(source + ": initialOffset must be earliest so a new group misses no event");
            }
            if (!"unordered".equals(source.string("spec", "ordering"))) {
                problems.add(source + ": ordering must be unordered (Baton's handlers are order-insensitive)");
            }
            keda(source, topics);
        }
        for (Resource source : all("KafkaSource", "sources.knative.dev")) {
            webhookRules(source);
            delivery(source);
            if (!expected.contains(source.name())) {
                problems.add(source + ": does not deliver to a Baton function");
            }
        }
    }

    /** Rules the eventing-kafka admission webhook enforces and the CRD schema does not. */
    private void webhookRules(Resource source) {
        String offset = source.string("spec", "initialOffset");
        if (offset != null && !Set.of("earliest", "latest").contains(offset)) {
            problems.add(source + ": initialOffset '" + offset + "' is not earliest or latest");
        }
        String ordering = source.string("spec", "ordering");
        if (ordering != null && !Set.of("ordered", "unordered").contains(ordering)) {
            problems.add(source + ": ordering '" + ordering + "' is not ordered or unordered");
        }
        String group = source.string("spec", "consumerGroup");
        if (group == null || group.isBlank()) {
            problems.add(source + ": consumerGroup must be explicit (it cannot change after creation)");
        }
    }

    private void delivery(Resource source) {
        Map<String, Object> delivery = source.map("spec", "delivery");
        if (!(delivery.get("retry") instanceof Integer retry) || retry < 1) {
            problems.add(source + ": delivery.retry must be at least 1");
        }
        if (!"exponential".equals(delivery.get("backoffPolicy"))) {
            problems.add(source + ": delivery.backoffPolicy must be exponential");
        }
        duration(source, delivery, "backoffDelay", Duration.ofMillis(1));
        duration(source, delivery, "timeout", MIN_DELIVERY_TIMEOUT);
        if (Maps.get(delivery, "deadLetterSink", "ref") == null) {
            problems.add(source + ": delivery.deadLetterSink.ref is missing");
        }
    }

    private static final String EVENTING_AUTOSCALING = "autoscaling.eventing.knative.dev/";
    /**
     * The annotations eventing-kafka-broker knative-v1.23.0 turns into the ScaledObject and its Kafka
     * trigger (control-plane/pkg/autoscaler). activation-lag-threshold, for one, is defined there but
     * never put into the trigger.
     */
    private static final Set<String> KEDA_ANNOTATIONS_READ = Set.of("class", "min-scale", "max-scale", "lag-threshold",
            "polling-interval", "cooldown-period");

    /**
     * With controller-autoscaler-keda enabled, every Trigger of a Kafka Broker gets a ScaledObject too
     * unless its autoscaling class says otherwise. The dead-letter Triggers carry little traffic, and on
     * managed Kafka KEDA's authentication for them lacks TLS, so the class is set on purpose.
     */
    private void triggerAutoscaling() {
        for (Resource trigger : all("Trigger", "eventing.knative.dev")) {
            Object autoscalingClass = trigger.annotations().get(EVENTING_AUTOSCALING + "class");
            if (!"disabled".equals(autoscalingClass) && !"keda.autoscaling.knative.dev".equals(autoscalingClass)) {
                problems.add(trigger + ": " + EVENTING_AUTOSCALING + "class must be set on purpose (disabled, or keda.autoscaling.knative.dev)");
            }
        }
    }

    private void keda(Resource source, List<String> topics) {
        Map<String, Object> annotations = source.annotations();
        if (!"keda.autoscaling.knative.dev".equals(annotations.get("autoscaling.eventing.knative.dev/class"))) {
            problems.add(source + ": autoscaling.eventing.knative.dev/class must be keda.autoscaling.knative.dev");
        }
        if (!"0".equals(annotations.get("autoscaling.eventing.knative.dev/min-scale"))) {
            problems.add(source + ": KEDA min-scale must be \"0\"");
        }
        for (String key : List.of("lag-threshold", "polling-interval", "cooldown-period")) {
            positiveInteger(source, annotations, "autoscaling.eventing.knative.dev/" + key);
        }
        for (String key : annotations.keySet()) {
            if (key.startsWith(EVENTING_AUTOSCALING) && !KEDA_ANNOTATIONS_READ.contains(key.substring(EVENTING_AUTOSCALING.length()))) {
                problems.add(source + ": " + key + " is not read by the eventing-kafka KEDA autoscaler, so it does nothing");
            }
        }
        Integer maxScale = positiveInteger(source, annotations, "autoscaling.eventing.knative.dev/max-scale");
        int partitions = 0;
        for (String topic : topics) {
            Optional<Resource> kafkaTopic = find("KafkaTopic", "kafka.strimzi.io", topic);
            if (kafkaTopic.isEmpty() || !(kafkaTopic.get().get("spec", "partitions") instanceof Integer p)) {
                return; // managed Kafka: partitions are not in these manifests
            }
            partitions += p;
        }
        if (maxScale != null && maxScale > partitions) {
            problems.add(source + ": KEDA max-scale " + maxScale + " exceeds the " + partitions + " partitions; extra consumers would idle");
        }
    }

    /** Every reference by name points at a resource of this deployment. */
    private void references() {
        for (Resource source : all("KafkaSource", "sources.knative.dev")) {
            reference(source, source.map("spec", "sink", "ref"), "sink");
            reference(source, source.map("spec", "delivery", "deadLetterSink", "ref"), "deadLetterSink");
        }
        for (Resource trigger : all("Trigger", "eventing.knative.dev")) {
            reference(trigger, trigger.map("spec", "subscriber", "ref"), "subscriber");
            if (find("Broker", "eventing.knative.dev", trigger.string("spec", "broker")).isEmpty()) {
                problems.add(trigger + ": broker " + trigger.string("spec", "broker") + " does not exist");
            }
        }
        for (Resource broker : all("Broker", "eventing.knative.dev")) {
            reference(broker, broker.map("spec", "config"), "config");
        }
    }

    private void reference(Resource from, Map<String, Object> ref, String field) {
        if (ref.isEmpty()) {
            return;
        }
        String apiVersion = Maps.string(ref, "apiVersion");
        String group = apiVersion != null && apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String namespace = Objects.requireNonNullElse(Maps.string(ref, "namespace"), String.valueOf(from.namespace()));
        boolean exists = resources.stream().anyMatch(r -> r.kind().equals(Maps.string(ref, "kind")) && r.group().equals(group)
                && r.name().equals(Maps.string(ref, "name")) && namespace.equals(String.valueOf(r.namespace())));
        if (!exists) {
            problems.add(from + ": " + field + " refers to " + Maps.string(ref, "kind") + " " + namespace + "/"
                    + Maps.string(ref, "name") + " (" + apiVersion + "), which does not exist");
        }
    }

    /** A failed event from topic T must end up in exactly T.dlq, whatever path it takes. */
    private void deadLetters() {
        for (Resource source : all("KafkaSource", "sources.knative.dev")) {
            Map<String, Object> ref = source.map("spec", "delivery", "deadLetterSink", "ref");
            for (String topic : strings(source.list("spec", "topics"))) {
                String expected = topic + Topic.DEAD_LETTER_SUFFIX;
                for (Map<String, String> event : failedEvents(source, topic)) {
                    Set<String> landsIn = deadLetterTopics(ref, event, source.namespace());
                    if (!landsIn.equals(Set.of(expected))) {
                        problems.add(source + ": a failed " + event + " from " + topic + " lands in " + landsIn + ", not [" + expected + "]");
                    }
                }
            }
        }
    }

    /** The events a KafkaSource may fail to deliver from a topic: every Baton type written to it, and raw records. */
    private List<Map<String, String>> failedEvents(Resource source, String topic) {
        List<Map<String, String>> events = new ArrayList<>();
        for (BatonEventType type : BatonEventType.values()) {
            if (type.topic().topicName().equals(topic)) {
                for (BatonFunction producer : BatonFunction.values()) {
                    events.add(Map.of("type", type.type(), "source", producer.source().toString()));
                }
            }
        }
        events.add(Map.of("type", RecordEvents.KAFKA_EVENT_TYPE,
                "source", RecordEvents.kafkaSourceSource(source.namespace(), source.name(), topic)));
        return events;
    }

    private Set<String> deadLetterTopics(Map<String, Object> ref, Map<String, String> event, String namespace) {
        Set<String> topics = new TreeSet<>();
        String kind = Maps.string(ref, "kind");
        String name = Maps.string(ref, "name");
        if ("KafkaSink".equals(kind)) {
            find("KafkaSink", "eventing.knative.dev", name).ifPresent(sink -> topics.add(sink.string("spec", "topic")));
        } else if ("Broker".equals(kind)) {
            for (Resource trigger : all("Trigger", "eventing.knative.dev")) {
                if (name.equals(trigger.string("spec", "broker")) && matches(trigger, event)) {
                    topics.addAll(deadLetterTopics(trigger.map("spec", "subscriber", "ref"), event, namespace));
                }
            }
        }
        return topics;
    }

    private boolean matches(Resource trigger, Map<String, String> event) {
        try {
            return TriggerFilters.matches(trigger, event);
        } catch (IllegalArgumentException e) {
            problems.add(trigger + ": " + e.getMessage());
            return false;
        }
    }

    /** Topics named in the manifests belong to the contract; with Strimzi topics present, all of them exist. */
    private void topics() {
        Set<String> contract = new LinkedHashSet<>();
        for (Topic topic : Topic.values()) {
            contract.add(topic.topicName());
            contract.add(topic.deadLetterTopicName());
        }
        List<Resource> kafkaTopics = all("KafkaTopic", "kafka.strimzi.io");
        for (Resource kafkaTopic : kafkaTopics) {
            String name = Objects.requireNonNullElse(kafkaTopic.string("spec", "topicName"), kafkaTopic.name());
            if (!contract.contains(name)) {
                problems.add(kafkaTopic + ": topic " + name + " is not in the event contract " + contract);
            }
        }
        for (Resource source : all("KafkaSource", "sources.knative.dev")) {
            for (String topic : strings(source.list("spec", "topics"))) {
                if (!contract.contains(topic)) {
                    problems.add(source + ": consumes " + topic + ", which is not in the event contract");
                }
            }
        }
        for (Resource sink : all("KafkaSink", "eventing.knative.dev")) {
            if (!contract.contains(sink.string("spec", "topic"))) {
                problems.add(sink + ": writes " + sink.string("spec", "topic") + ", which is not in the event contract");
            }
        }
        if (kafkaTopics.isEmpty()) {
            return;
        }
        for (BatonFunction function : BatonFunction.values()) {
            for (Topic topic : function.consumes()) {
                for (String name : List.of(topic.topicName(), topic.deadLetterTopicName())) {
                    boolean exists = kafkaTopics.stream().anyMatch(t -> name.equals(Objects.requireNonNullElse(t.string("spec", "topicName"), t.name())));
                    if (!exists) {
                        problems.add("no KafkaTopic " + name + " (consumed by " + function.serviceName() + ")");
                    }
                }
            }
        }
    }

    /** Config comes from ConfigMaps of this deployment, credentials from Secrets that are not in it. */
    private void configuration() {
        for (Resource resource : resources) {
            if ("Secret".equals(resource.kind())) {
                problems.add(resource + ": Secrets must not be in the repository; create them at deploy time");
            }
        }
        for (Resource ksvc : all("Service", "serving.knative.dev")) {
            for (Object env : ksvc.list("spec", "template", "spec", "containers", 0, "env")) {
                String name = Maps.string(env, "name");
                Map<String, Object> configRef = Maps.map(env, "valueFrom", "configMapKeyRef");
                if (!configRef.isEmpty()) {
                    Optional<Resource> configMap = find("ConfigMap", "", Maps.string(configRef, "name"));
                    if (configMap.isEmpty() || !configMap.get().map("data").containsKey(Maps.string(configRef, "key"))) {
                        problems.add(ksvc + ": env " + name + " refers to missing ConfigMap key " + configRef);
                    }
                }
                boolean credential = name.contains("MONGODB_URI") || name.contains("JAAS") || name.contains("PASSWORD");
                if (credential && Maps.get(env, "valueFrom", "secretKeyRef") == null) {
                    problems.add(ksvc + ": env " + name + " is a credential and must come from a Secret");
                }
            }
            if (!"false".equals(envValue(ksvc, "BATON_LOCAL_DELIVERY_ENABLED"))) {
                problems.add(ksvc + ": BATON_LOCAL_DELIVERY_ENABLED must be false on Knative (KafkaSources deliver)");
            }
        }
    }

    /** One Kafka cluster: the functions, KafkaSources, KafkaSinks and the Broker must agree on it. */
    private void bootstrapServers() {
        Map<String, Set<String>> seen = new java.util.TreeMap<>();
        for (Resource ksvc : all("Service", "serving.knative.dev")) {
            seen.computeIfAbsent(String.valueOf(envValue(ksvc, "KAFKA_BOOTSTRAP_SERVERS")), k -> new TreeSet<>()).add(ksvc.id());
        }
        for (Resource resource : resources) {
            List<Object> servers = resource.list("spec", "bootstrapServers");
            if (!servers.isEmpty()) {
                seen.computeIfAbsent(String.join(",", strings(servers)), k -> new TreeSet<>()).add(resource.id());
            }
        }
        for (Resource broker : all("Broker", "eventing.knative.dev")) {
            find("ConfigMap", "", broker.string("spec", "config", "name")).ifPresent(config ->
                    seen.computeIfAbsent(String.valueOf(config.string("data", "bootstrap.servers")), k -> new TreeSet<>()).add(broker.id()));
        }
        if (seen.size() > 1) {
            problems.add("resources disagree on the Kafka bootstrap servers: " + seen);
        }
    }

    /**
     * Events reach a function only inside the cluster: every KafkaSource delivers to a cluster-local
     * Service, and a public Service has its event sink (POST /) switched off. A sink Service serves no
     * client API, so the API is reachable only where it is meant to be public.
     */
    private void eventSinks() {
        Set<String> sinks = new TreeSet<>();
        for (Resource source : all("KafkaSource", "sources.knative.dev")) {
            String sink = source.string("spec", "sink", "ref", "name");
            sinks.add(sink);
            find("Service", "serving.knative.dev", sink).ifPresent(ksvc -> {
                if (!"cluster-local".equals(ksvc.labels().get(VISIBILITY))) {
                    problems.add(source + ": sink " + ksvc + " is public; an event sink must be cluster-local (" + VISIBILITY + ")");
                }
            });
        }
        for (Resource ksvc : all("Service", "serving.knative.dev")) {
            boolean clusterLocal = "cluster-local".equals(ksvc.labels().get(VISIBILITY));
            boolean eventsOff = "false".equals(envValue(ksvc, "BATON_EVENTS_ENABLED"));
            if (!clusterLocal && !eventsOff) {
                problems.add(ksvc + ": public, so it must not serve events (BATON_EVENTS_ENABLED: \"false\")");
            }
            if (sinks.contains(ksvc.name()) && eventsOff) {
                problems.add(ksvc + ": a KafkaSource delivers to it, but BATON_EVENTS_ENABLED is false");
            }
            if (sinks.contains(ksvc.name()) && ksvc.name().equals(BatonFunction.OPERATION.sinkServiceName())
                    && !"false".equals(envValue(ksvc, "BATON_API_ENABLED"))) {
                problems.add(ksvc + ": an event sink must not serve the client API (BATON_API_ENABLED: \"false\")");
            }
        }
    }

    private void networkPolicy() {
        Set<String> internal = new TreeSet<>();
        for (Resource ksvc : all("Service", "serving.knative.dev")) {
            if ("cluster-local".equals(ksvc.labels().get(VISIBILITY))) {
                internal.add(ksvc.name());
            }
        }
        boolean covered = false;
        for (Resource policy : all("NetworkPolicy", "networking.k8s.io")) {
            for (Object expression : policy.list("spec", "podSelector", "matchExpressions")) {
                if ("serving.knative.dev/service".equals(Maps.string(expression, "key")) && "In".equals(Maps.string(expression, "operator"))
                        && internal.equals(new TreeSet<>(strings(Maps.list(expression, "values"))))) {
                    covered = true;
                    networkPolicyPeers(policy);
                }
            }
        }
        if (!covered) {
            problems.add("no NetworkPolicy selects exactly the cluster-local functions " + internal);
        }
    }

    /**
     * Ingress on any port only from the activator and one gateway's pods: a peer naming a whole
     * namespace would let every pod in it (the eventing dispatchers, webhooks, controllers) call a sink's
     * pods directly. A rule limited to ports may open only the two metrics ports, each to its one reader.
     */
    private void networkPolicyPeers(Resource policy) {
        Set<String> from = new TreeSet<>();
        for (Object rule : policy.list("spec", "ingress")) {
            List<Object> ports = Maps.list(rule, "ports");
            for (Object peer : Maps.list(rule, "from")) {
                String namespace = Maps.string(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name");
                Map<String, Object> pods = Maps.map(peer, "podSelector", "matchLabels");
                if (namespace == null || pods.isEmpty()) {
                    problems.add(policy + ": every ingress peer must name one namespace (matchLabels kubernetes.io/metadata.name) and its pods, got " + peer);
                    continue;
                }
                if (ports.isEmpty()) {
                    from.add(namespace);
                    if ("knative-serving".equals(namespace) && !Map.of("app", "activator").equals(pods)) {
                        problems.add(policy + ": from knative-serving only the activator (app: activator) is needed, got " + pods);
                    }
                }
            }
            if (!ports.isEmpty()) {
                metricsRule(policy, rule, ports);
            }
        }
        if (!from.contains("knative-serving") || from.size() != 2) {
            problems.add(policy + ": ingress on every port must come from the activator in knative-serving and one gateway namespace only, got " + from);
        }
    }

    /** The autoscaler reads queue-proxy's stats at 9090, Prometheus the function's metrics port; nothing else is opened. */
    private void metricsRule(Resource policy, Object rule, List<Object> ports) {
        if (ports.size() != 1) {
            problems.add(policy + ": one port per rule, so that each port names its own reader, got " + ports);
        }
        Integer metricsPort = functionsMetricsPort();
        for (Object port : ports) {
            Object number = Maps.get(port, "port");
            boolean autoscaler = Integer.valueOf(QUEUE_PROXY_METRICS_PORT).equals(number);
            if (!autoscaler && (number == null || !number.equals(metricsPort))) {
                problems.add(policy + ": port " + number + " is opened, but only queue-proxy's " + QUEUE_PROXY_METRICS_PORT
                        + " (for the autoscaler) and the functions' metrics port " + metricsPort + " (for Prometheus) may be");
                continue;
            }
            Map<String, Object> reader = autoscaler ? AUTOSCALER : PROMETHEUS;
            for (Object peer : Maps.list(rule, "from")) {
                Map<String, Object> pods = Maps.map(peer, "podSelector", "matchLabels");
                String namespace = Maps.string(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name");
                if (!reader.equals(pods) || (autoscaler && !"knative-serving".equals(namespace))) {
                    problems.add(policy + ": port " + number + " is for " + (autoscaler ? "the autoscaler in knative-serving " : "Prometheus ")
                            + reader + " only, got namespace " + namespace + " pods " + pods);
                }
            }
        }
    }

    /** The port every Knative Service's function serves /metrics on (BATON_METRICS_PORT), or null if they disagree. */
    static Integer functionsMetricsPort(List<Resource> resources) {
        return new ContractChecks(resources).functionsMetricsPort();
    }

    private Integer functionsMetricsPort() {
        Set<String> ports = new TreeSet<>();
        for (Resource ksvc : all("Service", "serving.knative.dev")) {
            ports.add(String.valueOf(envValue(ksvc, METRICS_PORT_ENV)));
        }
        try {
            return ports.size() == 1 ? Integer.valueOf(ports.iterator().next()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The functions' own metrics port must be one Knative leaves to the user container. */
    private void metricsPort() {
        Set<String> ports = new TreeSet<>();
        for (Resource ksvc : all("Service", "serving.knative.dev")) {
            String value = envValue(ksvc, METRICS_PORT_ENV);
            ports.add(String.valueOf(value));
            int port;
            try {
                port = Integer.parseInt(String.valueOf(value));
            } catch (NumberFormatException e) {
                problems.add(ksvc + ": " + METRICS_PORT_ENV + " must be a port number, got " + value);
                continue;
            }
            Object servingPort = ksvc.get("spec", "template", "spec", "containers", 0, "ports", 0, "containerPort");
            if (KNATIVE_RESERVED_PORTS.contains(port) || Integer.valueOf(port).equals(servingPort)) {
                problems.add(ksvc + ": " + METRICS_PORT_ENV + " " + port + " is taken in a revision pod (the serving port, or reserved by "
                        + "Knative's queue-proxy: " + new TreeSet<>(KNATIVE_RESERVED_PORTS) + ")");
            }
        }
        if (ports.size() > 1) {
            problems.add("the functions disagree on " + METRICS_PORT_ENV + ": " + ports);
        }
    }

    private String envValue(Resource ksvc, String name) {
        for (Object env : ksvc.list("spec", "template", "spec", "containers", 0, "env")) {
            if (name.equals(Maps.string(env, "name"))) {
                if (Maps.get(env, "value") != null) {
                    return Maps.string(env, "value");
                }
                Map<String, Object> ref = Maps.map(env, "valueFrom", "configMapKeyRef");
                return find("ConfigMap", "", Maps.string(ref, "name")).map(c -> c.string("data", Maps.string(ref, "key"))).orElse(null);
            }
        }
        return null;
    }

    private Integer positiveInteger(Resource resource, Map<String, Object> annotations, String key) {
        Object value = annotations.get(key);
        try {
            int parsed = Integer.parseInt(String.valueOf(value));
            if (parsed > 0 || key.endsWith("min-scale")) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(resource + ": annotation " + key + " must be a positive integer, got " + value);
        return null;
    }

    private void duration(Resource resource, Map<String, Object> delivery, String key, Duration minimum) {
        try {
            Duration duration = Duration.parse(String.valueOf(delivery.get(key)));
            if (duration.compareTo(minimum) < 0) {
                problems.add(resource + ": delivery." + key + " " + duration + " is shorter than " + minimum);
            }
        } catch (DateTimeParseException e) {
            problems.add(resource + ": delivery." + key + " '" + delivery.get(key) + "' is not an ISO-8601 duration");
        }
    }

    private Optional<Resource> find(String kind, String group, String name) {
        return resources.stream().filter(r -> r.is(kind, group) && Objects.equals(name, r.name())).findFirst();
    }

    private List<Resource> all(String kind, String group) {
        return resources.stream().filter(r -> r.is(kind, group)).toList();
    }

    private static List<String> strings(List<Object> values) {
        return values.stream().map(String::valueOf).toList();
    }
}
