package dev.baton.eventing.contract;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The three functions, the topics each consumes and the consumer group it consumes them with.
 * The KafkaSource of each function uses the same consumer group, so local delivery and Knative agree.
 */
public enum BatonFunction {
    OPERATION("operation", Databases.OPERATION, List.of(Topic.USER_CREATE_RESPONSE),
            Set.of(BatonEventType.USER_CREATE_COMPLETED, BatonEventType.USER_CREATE_FAILED)),
    USER("user", Databases.USER, List.of(Topic.USER_CREATE, Topic.USER_APPROVE_RESPONSE),
            Set.of(BatonEventType.USER_CREATE_REQUESTED, BatonEventType.USER_APPROVAL_DECIDED)),
    APPROVAL("approval", null, List.of(Topic.USER_APPROVE),
            Set.of(BatonEventType.USER_APPROVAL_REQUESTED));

    private final String functionName;
    private final String databaseName;
    private final List<Topic> consumes;
    private final Set<BatonEventType> accepts;

    BatonFunction(String functionName, String databaseName, List<Topic> consumes, Set<BatonEventType> accepts) {
        this.functionName = functionName;
        this.databaseName = databaseName;
        this.consumes = consumes;
        this.accepts = accepts;
    }

    /** Short name: {@code operation}, {@code user}, {@code approval}. */
    public String functionName() {
        return functionName;
    }

    /** The Knative Service name, e.g. {@code baton-user}. */
    public String serviceName() {
        return "baton-" + functionName;
    }

    /**
     * The Knative Service its KafkaSource delivers to. The operation function's is a second, cluster-local
     * Service of the same image ({@code -events}), so that its public Service serves the client API only.
     */
    public String sinkServiceName() {
        return this == OPERATION ? serviceName() + "-events" : serviceName();
    }

    /** The Kafka consumer group, shared by local delivery and the function's KafkaSource. */
    public String consumerGroup() {
        return "baton-" + functionName;
    }

    /** The MongoDB database of a stateful function ({@link Databases}); empty for the stateless approval function. */
    public Optional<String> databaseName() {
        return Optional.ofNullable(databaseName);
    }

    /** The CloudEvent {@code source} attribute of the events this function produces. */
    public URI source() {
        return URI.create("/baton/" + functionName);
    }

    public List<Topic> consumes() {
        return consumes;
    }

    public Set<BatonEventType> accepts() {
        return accepts;
    }

    public static BatonFunction named(String name) {
        for (BatonFunction function : values()) {
            if (function.functionName.equals(name)) {
                return function;
            }
        }
        throw new IllegalArgumentException("not a Baton function: " + name);
    }
}
