package dev.baton.eventing.contract;

import dev.baton.eventing.contract.payload.ApprovalDecided;
import dev.baton.eventing.contract.payload.ApprovalRequested;
import dev.baton.eventing.contract.payload.UserCreateCompleted;
import dev.baton.eventing.contract.payload.UserCreateFailed;
import dev.baton.eventing.contract.payload.UserCreateRequested;

import java.util.Optional;

/** Every CloudEvent type Baton produces: its type attribute, the topic it is written to and its payload. */
public enum BatonEventType {
    USER_CREATE_REQUESTED("dev.baton.user.create.requested", Topic.USER_CREATE, UserCreateRequested.class),
    USER_APPROVAL_REQUESTED("dev.baton.user.approval.requested", Topic.USER_APPROVE, ApprovalRequested.class),
    USER_APPROVAL_DECIDED("dev.baton.user.approval.decided", Topic.USER_APPROVE_RESPONSE, ApprovalDecided.class),
    USER_CREATE_COMPLETED("dev.baton.user.create.completed", Topic.USER_CREATE_RESPONSE, UserCreateCompleted.class),
    USER_CREATE_FAILED("dev.baton.user.create.failed", Topic.USER_CREATE_RESPONSE, UserCreateFailed.class);

    private final String type;
    private final Topic topic;
    private final Class<? extends BatonPayload> payloadType;

    BatonEventType(String type, Topic topic, Class<? extends BatonPayload> payloadType) {
        this.type = type;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    /** The CloudEvent {@code type} attribute. */
    public String type() {
        return type;
    }

    public Topic topic() {
        return topic;
    }

    public Class<? extends BatonPayload> payloadType() {
        return payloadType;
    }

    public static Optional<BatonEventType> of(String type) {
        for (BatonEventType candidate : values()) {
            if (candidate.type.equals(type)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
