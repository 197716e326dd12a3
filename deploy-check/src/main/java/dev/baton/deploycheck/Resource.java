package dev.baton.deploycheck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One Kubernetes object as a plain map, with where it came from for error messages. */
public record Resource(Map<String, Object> body, String origin) {

    @SuppressWarnings("unchecked")
    public static Resource of(Object document, String origin) {
        if (!(document instanceof Map)) {
            throw new IllegalArgumentException(origin + ": a manifest document must be a mapping, got " + document);
        }
        return new Resource((Map<String, Object>) document, origin);
    }

    public String apiVersion() {
        return Maps.string(body, "apiVersion");
    }

    public String kind() {
        return Maps.string(body, "kind");
    }

    /** API group: the part of apiVersion before the slash, empty for the core group. */
    public String group() {
        String apiVersion = apiVersion();
        return apiVersion == null || !apiVersion.contains("/") ? "" : apiVersion.substring(0, apiVersion.indexOf('/'));
    }

    public String version() {
        String apiVersion = apiVersion();
        return apiVersion == null ? null : apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    public String name() {
        return Maps.string(body, "metadata", "name");
    }

    public String namespace() {
        return Maps.string(body, "metadata", "namespace");
    }

    public Map<String, Object> labels() {
        return Maps.map(body, "metadata", "labels");
    }

    public Map<String, Object> annotations() {
        return Maps.map(body, "metadata", "annotations");
    }

    public Object get(Object... path) {
        return Maps.get(body, path);
    }

    public String string(Object... path) {
        return Maps.string(body, path);
    }

    public Map<String, Object> map(Object... path) {
        return Maps.map(body, path);
    }

    public List<Object> list(Object... path) {
        return Maps.list(body, path);
    }

    public boolean is(String kind, String group) {
        return kind.equals(kind()) && group.equals(group());
    }

    /** kind/namespace/name, the identity kustomize and kubectl use. */
    public String id() {
        return kind() + "/" + namespace() + "/" + name();
    }

    public Resource copy() {
        return new Resource(Maps.deepCopy(body), origin);
    }

    @Override
    public String toString() {
        return id() + " (" + origin + ")";
    }

    static Map<String, Object> newMap() {
        return new LinkedHashMap<>();
    }
}
