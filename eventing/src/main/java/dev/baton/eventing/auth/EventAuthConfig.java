package dev.baton.eventing.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * {@code baton.event-auth.*} (env {@code BATON_EVENT_AUTH_*}): who may deliver events to {@code POST /}.
 * With Knative Eventing's sender identity (authentication-oidc) a KafkaSource sends, with every event,
 * a token of its own service account issued by the cluster for the sink's audience.
 *
 * @param enabled   require a valid token on {@code POST /}; off by default (the local stack delivers from Kafka, not HTTP)
 * @param jwksUri   where the issuer's signing keys are, e.g. https://kubernetes.default.svc/openid/v1/jwks
 * @param issuer    the token's required {@code iss}: the cluster's service account issuer
 * @param audience  the token's required {@code aud}: the audience the KafkaSource's sink is given
 * @param subjects  the accepted {@code sub}s: the KafkaSources' OIDC service accounts, as
 *                  system:serviceaccount:NAMESPACE:NAME
 * @param jwksTokenFile a bearer token sent when fetching the keys (the API server serves them to authenticated callers only)
 * @param jwksCaFile    the CA that signs the key server's certificate, when it is not a public one (the cluster's CA)
 */
@ConfigurationProperties("baton.event-auth")
public record EventAuthConfig(
        @Bindable(defaultValue = "false") boolean enabled,
        @Nullable String jwksUri,
        @Nullable String issuer,
        @Nullable String audience,
        @Nullable List<String> subjects,
        @Nullable String jwksTokenFile,
        @Nullable String jwksCaFile) {
}
