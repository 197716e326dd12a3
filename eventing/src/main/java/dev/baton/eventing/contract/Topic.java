package dev.baton.eventing.contract;

/** The Kafka topics of the signup saga. Names are the original demo's, so its tooling still applies. */
public enum Topic {
    USER_CREATE("user-create"),
    USER_APPROVE("user-approve"),
    USER_APPROVE_RESPONSE("user-approve-response"),
    USER_CREATE_RESPONSE("user-create-response");

    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private final String topicName;

    Topic(String topicName) {
        this.topicName = topicName;
    }

    public String topicName() {
        return topicName;
    }

    public String deadLetterTopicName() {
        return topicName + DEAD_LETTER_SUFFIX;
    }

    public static Topic byName(String name) {
        for (Topic topic : values()) {
            if (topic.topicName.equals(name)) {
                return topic;
            }
        }
        throw new IllegalArgumentException("not a Baton topic: " + name);
    }
}
