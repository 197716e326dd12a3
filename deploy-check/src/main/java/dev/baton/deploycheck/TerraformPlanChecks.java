package dev.baton.deploycheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes `terraform plan` fail on a fresh cluster, found from the text: a for_each or count whose
 * value is unknown until apply ("Invalid for_each argument"). The usual cause is a data source read at
 * apply time instead of at plan, which happens when it has a depends_on, when the module call that
 * holds it has a depends_on (hashicorp/terraform #28131, #30340), or when one of its arguments is
 * unknown at plan, such as a resource attribute the configuration does not set (an ACR's
 * login_server). Module calls therefore may not have depends_on at all; ordering goes through inputs.
 * Limits: a module output is taken as known, and a resource attribute as known when the resource's
 * block sets it.
 */
final class TerraformPlanChecks {
    private static final Pattern REFERENCE = Pattern.compile(
            "\\b(data|var|local|[a-z][a-z0-9_]*)\\.([a-z0-9_]+)(?:\\[[^\\]]*\\])?(?:\\.([a-z0-9_]+))?");

    private final HclBlocks config;
    private final Set<String> unknownVariables;
    private final boolean calledWithDependsOn;
    private final Map<String, String> locals;
    private final Set<String> resources = new HashSet<>();

    private TerraformPlanChecks(HclBlocks config, Set<String> unknownVariables, boolean calledWithDependsOn) {
        this.config = config;
        this.unknownVariables = unknownVariables;
        this.calledWithDependsOn = calledWithDependsOn;
        this.locals = config.locals();
        config.ofType("resource").forEach(b -> resources.add(b.address()));
    }

    /** A root configuration (or a module checked on its own, with every input known). */
    static List<String> check(Path directory) {
        return check(directory, Set.of(), false, directory.getFileName() + ": ");
    }

    private static List<String> check(Path directory, Set<String> unknownVariables, boolean calledWithDependsOn, String where) {
        TerraformPlanChecks checks = new TerraformPlanChecks(HclBlocks.read(directory), unknownVariables, calledWithDependsOn);
        List<String> problems = new ArrayList<>();
        for (HclBlocks.Block block : checks.config.blocks()) {
            boolean repeated = block.type().equals("resource") || block.type().equals("data") || block.type().equals("module");
            for (String meta : List.of("for_each", "count")) {
                String expression = block.attributes().get(meta);
                if (repeated && expression != null && checks.unknown(expression, new HashSet<>())) {
                    problems.add(where + block.type() + " " + block.address() + ": " + meta + " is unknown until apply ("
                            + expression.lines().findFirst().orElse("") + "), so plan fails with Invalid " + meta + " argument");
                }
            }
        }
        for (HclBlocks.Block call : checks.config.ofType("module")) {
            String source = unquote(call.attributes().get("source"));
            boolean dependsOn = call.attributes().containsKey("depends_on");
            if (dependsOn) {
                problems.add(where + "module " + call.address() + " has depends_on, which defers every data source in "
                        + source + " to apply time (hashicorp/terraform #28131, #30340): order it through an input instead");
            }
            if (source == null || !source.startsWith(".")) {
                continue;
            }
            Set<String> unknownInputs = new HashSet<>();
            call.attributes().forEach((name, expression) -> {
                if (checks.unknown(expression, new HashSet<>())) {
                    unknownInputs.add(name);
                }
            });
            problems.addAll(check(directory.resolve(source).normalize(), unknownInputs, dependsOn,
                    where + "module " + call.address() + " (" + source + "): "));
        }
        return problems;
    }

    /** Whether an expression's value is unknown at plan time on a fresh state. */
    private boolean unknown(String expression, Set<String> seen) {
        Matcher m = REFERENCE.matcher(expression);
        while (m.find()) {
            String kind = m.group(1);
            String name = m.group(2);
            String attribute = m.group(3);
            if (!seen.add(m.group())) {
                continue;
            }
            boolean unknown = switch (kind) {
                case "var" -> unknownVariables.contains(name);
                case "local" -> locals.containsKey(name) && unknown(locals.get(name), seen);
                case "data" -> attribute != null && deferred(dataSource(name, attribute), seen);
                default -> resources.contains(kind + "." + name) && computed(kind + "." + name, attribute, seen);
            };
            if (unknown) {
                return true;
            }
        }
        return false;
    }

    private HclBlocks.Block dataSource(String type, String name) {
        return config.ofType("data").stream().filter(b -> b.address().equals(type + "." + name)).findFirst().orElse(null);
    }

    /** A data source is read at apply time when it, or the module call, has depends_on, or an argument is unknown. */
    private boolean deferred(HclBlocks.Block data, Set<String> seen) {
        if (data == null) {
            return false;
        }
        return calledWithDependsOn || data.attributes().containsKey("depends_on") || unknown(data.body(), seen);
    }

    /** A managed resource's attribute is unknown until apply unless its block sets it from known values. */
    private boolean computed(String address, String attribute, Set<String> seen) {
        if (attribute == null) {
            return true;
        }
        HclBlocks.Block resource = config.ofType("resource").stream().filter(b -> b.address().equals(address)).findFirst().orElseThrow();
        String set = resource.attributes().get(attribute);
        return set == null || unknown(set, seen);
    }

    private static String unquote(String value) {
        return value == null ? null : value.replace("\"", "").trim();
    }
}
