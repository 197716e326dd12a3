package dev.baton.deploycheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The replay Job (knative/replay). Kubernetes' own kinds have no schema in the CRD folder, so the fields
 * the Job uses are checked here against the field names and types of the Kubernetes API (batch/v1 Job,
 * core/v1 PodSpec, Container and what they hold, as of Kubernetes 1.33): a typo the API server would
 * drop silently is an error. Parts the Job does not use are only checked by name ({@link #ANY}).
 * Then what a replay run needs: the image the build makes, a run that is not repeated blindly and is
 * cleaned up, Kafka's address from where the functions get it, credentials from Secrets, no root.
 */
public final class ReplayJobChecks {
    public static final String NAME = "baton-replay";
    /** What the local module's jib profile builds, under the registry placeholder the function images use. */
    public static final String IMAGE = "dev.local/baton-replay";
    static final String ANY = "any";

    /** Field name to type: a scalar, {@code strings} (string map), {@code quantities}, {@code []T}, a shape below, or {@link #ANY}. */
    private static final Map<String, Map<String, String>> SHAPES = Map.ofEntries(
            Map.entry("Job", fields("apiVersion string", "kind string", "metadata ObjectMeta", "spec JobSpec")),
            Map.entry("ObjectMeta", fields("name string", "namespace string", "labels strings", "annotations strings")),
            Map.entry("JobSpec", fields("activeDeadlineSeconds int", "backoffLimit int", "backoffLimitPerIndex int", "completionMode string",
                    "completions int", "managedBy string", "manualSelector bool", "maxFailedIndexes int", "parallelism int",
                    "podFailurePolicy any", "podReplacementPolicy string", "selector any", "successPolicy any", "suspend bool",
                    "template PodTemplateSpec", "ttlSecondsAfterFinished int")),
            Map.entry("PodTemplateSpec", fields("metadata ObjectMeta", "spec PodSpec")),
            Map.entry("PodSpec", fields("activeDeadlineSeconds int", "affinity any", "automountServiceAccountToken bool",
                    "containers []Container", "dnsConfig any", "dnsPolicy string", "enableServiceLinks bool", "ephemeralContainers any",
                    "hostAliases any", "hostIPC bool", "hostNetwork bool", "hostPID bool", "hostUsers bool", "hostname string",
                    "imagePullSecrets any", "initContainers []Container", "nodeName string", "nodeSelector strings", "os any",
                    "overhead quantities", "preemptionPolicy string", "priority int", "priorityClassName string", "readinessGates any",
                    "resourceClaims any", "resources ResourceRequirements", "restartPolicy string", "runtimeClassName string",
                    "schedulerName string", "schedulingGates any", "securityContext PodSecurityContext", "serviceAccount string",
                    "serviceAccountName string", "setHostnameAsFQDN bool", "shareProcessNamespace bool", "subdomain string",
                    "terminationGracePeriodSeconds int", "tolerations any", "topologySpreadConstraints any", "volumes []Volume")),
            Map.entry("PodSecurityContext", fields("appArmorProfile any", "fsGroup int", "fsGroupChangePolicy string", "runAsGroup int",
                    "runAsNonRoot bool", "runAsUser int", "seLinuxChangePolicy string", "seLinuxOptions any", "seccompProfile SeccompProfile",
                    "supplementalGroups []int", "supplementalGroupsPolicy string", "sysctls any", "windowsOptions any")),
            Map.entry("Container", fields("args []string", "command []string", "env []EnvVar", "envFrom any", "image string",
                    "imagePullPolicy string", "lifecycle any", "livenessProbe any", "name string", "ports any", "readinessProbe any",
                    "resizePolicy any", "resources ResourceRequirements", "restartPolicy string", "securityContext SecurityContext",
                    "startupProbe any", "stdin bool", "stdinOnce bool", "terminationMessagePath string", "terminationMessagePolicy string",
                    "tty bool", "volumeDevices any", "volumeMounts []VolumeMount", "workingDir string")),
            Map.entry("EnvVar", fields("name string", "value string", "valueFrom EnvVarSource")),
            Map.entry("EnvVarSource", fields("configMapKeyRef KeySelector", "fieldRef any", "resourceFieldRef any", "secretKeyRef KeySelector")),
            Map.entry("KeySelector", fields("key string", "name string", "optional bool")),
            Map.entry("ResourceRequirements", fields("claims any", "limits quantities", "requests quantities")),
            Map.entry("SecurityContext", fields("allowPrivilegeEscalation bool", "appArmorProfile any", "capabilities Capabilities",
                    "privileged bool", "procMount string", "readOnlyRootFilesystem bool", "runAsGroup int", "runAsNonRoot bool",
                    "runAsUser int", "seLinuxOptions any", "seccompProfile SeccompProfile", "windowsOptions any")),
            Map.entry("Capabilities", fields("add []string", "drop []string")),
            Map.entry("SeccompProfile", fields("localhostProfile string", "type string")),
            Map.entry("VolumeMount", fields("mountPath string", "mountPropagation string", "name string", "readOnly bool",
                    "recursiveReadOnly string", "subPath string", "subPathExpr string")),
            Map.entry("Volume", fields("name string", "awsElasticBlockStore any", "azureDisk any", "azureFile any", "cephfs any", "cinder any",
                    "configMap any", "csi any", "downwardAPI any", "emptyDir EmptyDirVolumeSource", "ephemeral any", "fc any", "flexVolume any",
                    "flocker any", "gcePersistentDisk any", "gitRepo any", "glusterfs any", "hostPath any", "image any", "iscsi any", "nfs any",
                    "persistentVolumeClaim any", "photonPersistentDisk any", "portworxVolume any", "projected any", "quobyte any", "rbd any",
                    "scaleIO any", "secret any", "storageos any", "vsphereVolume any")),
            Map.entry("EmptyDirVolumeSource", fields("medium string", "sizeLimit quantity")));

    private final List<String> problems = new ArrayList<>();

    private ReplayJobChecks() {
    }

    /**
     * @param job        the rendered knative/replay kustomization
     * @param deployment a rendered deployment it runs next to, whose baton-config it reads
     */
    public static List<String> check(List<Resource> job, List<Resource> deployment) {
        ReplayJobChecks checks = new ReplayJobChecks();
        List<Resource> jobs = job.stream().filter(r -> r.is("Job", "batch")).toList();
        if (jobs.size() != 1 || job.size() != 1) {
            checks.problems.add("knative/replay must hold exactly one resource, the Job " + NAME + "; found " + job);
            return checks.problems;
        }
        checks.job(jobs.get(0), deployment);
        return checks.problems;
    }

    private void job(Resource job, List<Resource> deployment) {
        if (!"batch/v1".equals(job.apiVersion())) {
            problems.add(job + ": apiVersion must be batch/v1, the one Job version served");
        }
        if (!NAME.equals(job.name())) {
            problems.add(job + ": must be named " + NAME + " (docs/replay.md runs kubectl logs job/" + NAME + ")");
        }
        shape(job, job.body(), "Job", "");
        if (!Integer.valueOf(0).equals(job.get("spec", "backoffLimit"))) {
            problems.add(job + ": spec.backoffLimit must be 0: a failed replay is looked at (its exit code says why), not run again blindly");
        }
        positive(job, "activeDeadlineSeconds", "a replay that hangs must end");
        positive(job, "ttlSecondsAfterFinished", "a finished Job must be cleaned up");
        String restart = job.string("spec", "template", "spec", "restartPolicy");
        if (!"Never".equals(restart)) {
            problems.add(job + ": restartPolicy must be Never (a Job refuses Always; OnFailure would re-run a failed replay in place), got " + restart);
        }
        if (!Boolean.TRUE.equals(job.get("spec", "template", "spec", "securityContext", "runAsNonRoot"))) {
            problems.add(job + ": the pod must set securityContext.runAsNonRoot: true (the image runs as 65532)");
        }
        List<Object> containers = job.list("spec", "template", "spec", "containers");
        if (containers.size() != 1) {
            problems.add(job + ": exactly one container, the replay tool; found " + containers.size());
            return;
        }
        container(job, Maps.map(containers.get(0)), deployment);
    }

    private void container(Resource job, Map<String, Object> container, List<Resource> deployment) {
        String image = Maps.string(container, "image");
        if (image == null || !IMAGE.equals(Images.imageName(image))) {
            problems.add(job + ": image must be " + IMAGE + " (what mvn -Pjib builds from the local module; an overlay may rename it), got " + image);
        }
        List<Object> args = Maps.list(container, "args");
        if (args.isEmpty()) {
            problems.add(job + ": args must say what to replay, as after ./baton replay");
        }
        for (Object arg : args) {
            String text = String.valueOf(arg);
            if (text.startsWith("--bootstrap-servers") || text.startsWith("--sasl-jaas-config") || text.startsWith("--mongodb-uri")) {
                problems.add(job + ": " + text + " in args: Kafka and MongoDB come from the environment, as the functions get them");
            }
        }
        if (!Boolean.FALSE.equals(Maps.get(container, "securityContext", "allowPrivilegeEscalation"))) {
            problems.add(job + ": the container must set securityContext.allowPrivilegeEscalation: false");
        }
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (Maps.get(container, "resources", bound, resource) == null) {
                    problems.add(job + ": resources." + bound + "." + resource + " is not set");
                }
            }
        }
        env(job, Maps.list(container, "env"), deployment);
    }

    /** The bootstrap servers from the functions' ConfigMap key; credentials from Secrets; referenced keys exist unless optional. */
    private void env(Resource job, List<Object> env, List<Resource> deployment) {
        Optional<Resource> config = deployment.stream().filter(r -> r.is("ConfigMap", "") && "baton-config".equals(r.name())).findFirst();
        boolean bootstrap = false;
        for (Object variable : env) {
            String name = Maps.string(variable, "name");
            Map<String, Object> configRef = Maps.map(variable, "valueFrom", "configMapKeyRef");
            boolean credential = name != null && (name.contains("MONGODB_URI") || name.contains("JAAS") || name.contains("PASSWORD"));
            if (credential && Maps.get(variable, "valueFrom", "secretKeyRef") == null) {
                problems.add(job + ": env " + name + " is a credential and must come from a Secret");
            }
            if ("KAFKA_BOOTSTRAP_SERVERS".equals(name)) {
                bootstrap = "baton-config".equals(Maps.string(configRef, "name")) && "kafka.bootstrap.servers".equals(Maps.string(configRef, "key"))
                        && !Boolean.TRUE.equals(configRef.get("optional"));
            }
            if (!configRef.isEmpty() && !Boolean.TRUE.equals(configRef.get("optional"))) {
                boolean found = config.isPresent() && "baton-config".equals(Maps.string(configRef, "name"))
                        && config.get().map("data").containsKey(Maps.string(configRef, "key"));
                if (!found) {
                    problems.add(job + ": env " + name + " refers to " + configRef + ", which the deployment's ConfigMaps do not have"
                            + " (mark it optional: true if only some overlays set it)");
                }
            }
        }
        if (!bootstrap) {
            problems.add(job + ": env KAFKA_BOOTSTRAP_SERVERS must come from baton-config's kafka.bootstrap.servers, as the functions'"
                    + " does, so the Job reads the same Kafka");
        }
    }

    private void positive(Resource job, String field, String why) {
        Object value = job.get("spec", field);
        if (!(value instanceof Integer number) || number <= 0) {
            problems.add(job + ": spec." + field + " must be a positive number of seconds (" + why + "), got " + value);
        }
    }

    /** Checks {@code value} at {@code path} (e.g. spec.template.spec.containers[0]) against {@code type}. */
    private void shape(Resource job, Object value, String type, String path) {
        if (ANY.equals(type)) {
            return;
        }
        if (type.startsWith("[]")) {
            if (!(value instanceof List<?> list)) {
                problem(job, path, "expected a list, got " + value);
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                shape(job, list.get(i), type.substring(2), path + "[" + i + "]");
            }
            return;
        }
        switch (type) {
            case "string" -> expect(job, value instanceof String, path, "a string", value);
            case "int" -> expect(job, value instanceof Integer || value instanceof Long, path, "an integer", value);
            case "bool" -> expect(job, value instanceof Boolean, path, "true or false", value);
            case "quantity" -> expect(job, value instanceof String || value instanceof Number, path, "a quantity", value);
            case "strings", "quantities" -> {
                if (!(value instanceof Map<?, ?> map)) {
                    problem(job, path, "expected a map, got " + value);
                    return;
                }
                map.forEach((k, v) -> shape(job, v, type.equals("strings") ? "string" : "quantity", path + "." + k));
            }
            default -> object(job, value, type, path);
        }
    }

    private void object(Resource job, Object value, String type, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            problem(job, path, "expected an object (" + type + "), got " + value);
            return;
        }
        Map<String, String> fields = SHAPES.get(type);
        for (Map.Entry<?, ?> field : map.entrySet()) {
            String name = String.valueOf(field.getKey());
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            String fieldType = fields.get(name);
            if (fieldType == null) {
                problem(job, fieldPath, "unknown field for " + type + " (the API server would drop it)");
            } else {
                shape(job, field.getValue(), fieldType, fieldPath);
            }
        }
    }

    private void expect(Resource job, boolean ok, String path, String what, Object value) {
        if (!ok) {
            problem(job, path, "expected " + what + ", got " + value);
        }
    }

    private void problem(Resource job, String path, String what) {
        problems.add(job + ": " + path + ": " + what);
    }

    private static Map<String, String> fields(String... declarations) {
        java.util.LinkedHashMap<String, String> fields = new java.util.LinkedHashMap<>();
        for (String declaration : declarations) {
            String[] parts = declaration.split(" ");
            fields.put(parts[0], parts[1]);
        }
        return Map.copyOf(fields);
    }
}
