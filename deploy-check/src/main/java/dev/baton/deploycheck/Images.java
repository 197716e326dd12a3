package dev.baton.deploycheck;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code images:} transformer: rewrites the image of any container whose image name matches. */
final class Images {
    private Images() {
    }

    static void apply(Map<String, Object> entry, List<Resource> resources) {
        for (String key : entry.keySet()) {
            if (!Set.of("name", "newName", "newTag", "digest").contains(key)) {
                throw new UnsupportedOperationException("images field '" + key + "' is not supported");
            }
        }
        int[] matched = {0};
        for (Resource resource : resources) {
            visit(resource.body(), entry, matched);
        }
        if (matched[0] == 0) {
            throw new IllegalArgumentException("images: no container uses " + Maps.string(entry, "name"));
        }
    }

    @SuppressWarnings("unchecked")
    private static void visit(Object node, Map<String, Object> entry, int[] matched) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> field : map.entrySet()) {
                if (("containers".equals(field.getKey()) || "initContainers".equals(field.getKey())) && field.getValue() instanceof List<?> containers) {
                    for (Object container : containers) {
                        rewrite((Map<String, Object>) container, entry, matched);
                    }
                } else {
                    visit(field.getValue(), entry, matched);
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> visit(item, entry, matched));
        }
    }

    private static void rewrite(Map<String, Object> container, Map<String, Object> entry, int[] matched) {
        String image = Maps.string(container, "image");
        if (image == null) {
            return;
        }
        String name = imageName(image);
        if (!name.equals(Maps.string(entry, "name"))) {
            return;
        }
        String reference = image.substring(name.length());
        String newName = entry.containsKey("newName") ? Maps.string(entry, "newName") : name;
        if (entry.containsKey("digest")) {
            reference = "@" + Maps.string(entry, "digest");
        } else if (entry.containsKey("newTag")) {
            reference = ":" + Maps.string(entry, "newTag");
        }
        container.put("image", newName + reference);
        matched[0]++;
    }

    /** The image without tag or digest; a colon in the registry host's port is not a tag. */
    static String imageName(String image) {
        int at = image.indexOf('@');
        String withoutDigest = at >= 0 ? image.substring(0, at) : image;
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }
}
