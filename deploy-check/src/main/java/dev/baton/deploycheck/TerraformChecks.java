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
