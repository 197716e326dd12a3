package dev.baton.deploycheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What `terraform validate` would catch without the providers, and what it would not: typed and
 * described variables, module arguments that the module declares (and required ones given), exact
 * provider versions, and pinned Helm chart versions.
 */
public final class TerraformChecks {
    private static final Pattern EXACT_VERSION = Pattern.compile("=?\\s*\\d+\\.\\d+\\.\\d+");
    /** Arguments every module call may have besides the module's variables. */
    private static final List<String> META_ARGUMENTS = List.of("source", "version", "providers", "depends_on", "count", "for_each");

    private TerraformChecks() {
    }

    public static List<String> check(Terraform terraform) {
        List<String> problems = new ArrayList<>();
        String where = terraform.directory().getFileName() + ": ";
        for (Map.Entry<String, Object> variable : terraform.blocks("variable").entrySet()) {
            Map<String, Object> body = Maps.map(variable.getValue());
            if (!body.containsKey("type")) {
                problems.add(where + "variable " + variable.getKey() + " has no type");
            }
            // Release versions are variables; their defaults are what a plain `terraform apply` installs.
            if (variable.getKey().endsWith("_version") && !EXACT_VERSION.matcher(String.valueOf(body.get("default"))).matches()) {
                problems.add(where + "variable " + variable.getKey() + " does not default to an exact version: " + body.get("default"));
            }
            Object description = body.get("description");
            if (!(description instanceof String text) || text.isBlank()) {
                problems.add(where + "variable " + variable.getKey() + " has no description");
            }
        }
        for (Map.Entry<String, Object> provider : terraform.requiredProviders().entrySet()) {
            String version = Maps.string(provider.getValue(), "version");
            if (version == null || !EXACT_VERSION.matcher(version.trim()).matches()) {
                problems.add(where + "provider " + provider.getKey() + " is not pinned to an exact version: " + version);
            }
            if (Maps.string(provider.getValue(), "source") == null) {
                problems.add(where + "provider " + provider.getKey() + " has no source");
            }
        }
        for (Map.Entry<String, Object> release : Maps.map(terraform.blocks("resource"), "helm_release").entrySet()) {
            if (Maps.get(release.getValue(), "version") == null) {
                problems.add(where + "helm_release " + release.getKey() + " has no chart version");
            }
        }
        for (Map.Entry<String, Object> module : terraform.blocks("module").entrySet()) {
            problems.addAll(moduleCall(terraform, module.getKey(), Maps.map(module.getValue())));
        }
        problems.addAll(TerraformPlanChecks.check(terraform.directory()));
        problems.addAll(kindPair(terraform));
        problems.addAll(releaseOwnedKeys(terraform));
        return problems;
    }

    /**
     * The kind release each tehcyx/kind provider version vendors (its go.mod), and the kind release
     * each kindest/node image was built for (kind's release notes). The provider creates the cluster
     * with its vendored kind, so the node image must be one made for that release.
     */
    static final Map<String, String> KIND_OF_PROVIDER = Map.of("0.6.0", "v0.24.0", "0.10.0", "v0.30.0");
    static final Map<String, String> KIND_OF_NODE_IMAGE = Map.of("kindest/node:v1.31.0", "v0.24.0", "kindest/node:v1.34.0", "v0.30.0");

    static List<String> kindPair(Terraform terraform) {
        Object provider = terraform.requiredProviders().get("kind");
        if (provider == null) {
            return List.of();
        }
        String where = terraform.directory().getFileName() + ": ";
        String version = Maps.string(provider, "version");
        String image = Maps.string(terraform.blocks("variable").get("node_image"), "default");
        String providerKind = KIND_OF_PROVIDER.get(version == null ? "" : version.replace("=", "").trim());
        String imageKind = KIND_OF_NODE_IMAGE.get(image);
        if (providerKind == null || imageKind == null) {
            return List.of(where + "unknown kind provider " + version + " or node image " + image
                    + ": add the kind release each is built for to TerraformChecks");
        }
        return providerKind.equals(imageKind) ? List.of() : List.of(where + "tehcyx/kind " + version + " vendors kind " + providerKind
                + " but " + image + " is built for kind " + imageKind);
    }

    /**
     * ConfigMap keys that a fetched release document carries as real data: the kubectl_manifest that
     * applies the document owns them, so a kubernetes_config_map_v1_data forcing the same key would
     * fight it on every plan. Such a value is set in the document before it is applied instead.
     */
    static final Map<String, List<String>> RELEASE_OWNED_KEYS = Map.of(
            "config-kafka-features", List.of("controller-autoscaler-keda"));

    static List<String> releaseOwnedKeys(Terraform terraform) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> resource : Maps.map(terraform.blocks("resource"), "kubernetes_config_map_v1_data").entrySet()) {
            Object metadata = Maps.get(resource.getValue(), "metadata");
            String name = Maps.string(metadata instanceof List<?> l ? l.get(0) : metadata, "name");
            Object data = Maps.get(resource.getValue(), "data");
            for (String key : RELEASE_OWNED_KEYS.getOrDefault(name, List.of())) {
                if (data instanceof Map<?, ?> map && map.containsKey(key)) {
                    problems.add(terraform.directory().getFileName() + ": kubernetes_config_map_v1_data " + resource.getKey() + " sets " + key
                            + " of " + name + ", which the release document applies too: set it in the document instead");
                }
            }
        }
        return problems;
    }

    private static List<String> moduleCall(Terraform caller, String name, Map<String, Object> arguments) {
        List<String> problems = new ArrayList<>();
        String where = caller.directory().getFileName() + ": module " + name + ": ";
        String source = Maps.string(arguments, "source");
        if (source == null || !source.startsWith(".")) {
            problems.add(where + "only local module sources are checked, got " + source);
            return problems;
        }
        Terraform module = Terraform.parse(caller.directory().resolve(Path.of(source)).normalize());
        Map<String, Object> variables = module.blocks("variable");
        for (String argument : arguments.keySet()) {
            if (!META_ARGUMENTS.contains(argument) && !variables.containsKey(argument)) {
                problems.add(where + "input " + argument + " is not a variable of " + source);
            }
        }
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            if (!Maps.map(variable.getValue()).containsKey("default") && !arguments.containsKey(variable.getKey())) {
                problems.add(where + "required input " + variable.getKey() + " is not given");
            }
        }
        return problems;
    }
}
