package dev.baton.local.replay;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

import java.util.Map;
import java.util.Properties;

/**
 * Where Kafka is and how to log in: flags first, then the environment variables the functions read
 * (KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG),
 * then the local stack's broker (localhost, BATON_KAFKA_PORT or 9092).
 */
record KafkaSettings(String bootstrapServers, String securityProtocol, String saslMechanism, String saslJaasConfig) {

    static KafkaSettings from(Map<String, String> flags, Map<String, String> env) {
        String local = "localhost:" + env.getOrDefault("BATON_KAFKA_PORT", "9092");
        return new KafkaSettings(
                pick(flags.get("bootstrap-servers"), env.get("KAFKA_BOOTSTRAP_SERVERS"), local),
                pick(flags.get("security-protocol"), env.get("KAFKA_SECURITY_PROTOCOL"), null),
                pick(flags.get("sasl-mechanism"), env.get("KAFKA_SASL_MECHANISM"), null),
                pick(flags.get("sasl-jaas-config"), env.get("KAFKA_SASL_JAAS_CONFIG"), null));
    }

    private static String pick(String flag, String env, String fallback) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        return env != null && !env.isBlank() ? env : fallback;
    }

    /** Client properties with short timeouts, so an unreachable broker is reported instead of waited on. */
    Properties clientProperties() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        if (securityProtocol != null) {
            props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        }
        if (saslMechanism != null) {
            props.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
        }
        if (saslJaasConfig != null) {
            props.put(SaslConfigs.SASL_JAAS_CONFIG, saslJaasConfig);
        }
        return props;
    }
}
