package org.the1studio.upm.core.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.the1studio.upm.core.io.Json;

/**
 * Reads a {@code package.json} the way Unity and npm accept it: UTF-8 with or without a byte order mark, LF or CRLF.
 *
 * <p>Only the shape is checked here (JSON object, string fields where strings are expected); the rules of names and
 * versions are {@link ManifestValidator}'s job, so that a user sees every problem at once.
 */
public final class ManifestReader {

    private ManifestReader() {}

    /**
     * Reads and shape-checks a manifest.
     *
     * @param file        the file on disk
     * @param displayPath how to name the file in errors (repository-relative)
     */
    public static PackageManifest read(Path file, String displayPath) throws ManifestException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ManifestException(new ManifestIssue(displayPath, null, "file not found", null), e);
        } catch (IOException e) {
            throw new ManifestException(new ManifestIssue(displayPath, null, "cannot read: " + e.getMessage(), null), e);
        }
        return parse(bytes, file, displayPath);
    }

    /** Parses manifest bytes (for example a git blob); {@code file} is where the package lives on disk. */
    public static PackageManifest parse(byte[] bytes, Path file, String displayPath) throws ManifestException {
        JsonNode root;
        try {
            root = Json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ManifestException(new ManifestIssue(displayPath, null, "malformed JSON" + Json.position(e) + ": "
                    + e.getOriginalMessage(), "check for a missing comma, quote or brace near that position"), e);
        }
        if (root == null || !root.isObject()) {
            throw new ManifestException(List.of(new ManifestIssue(displayPath, null, "must be a JSON object", null)));
        }
        ObjectNode json = (ObjectNode) root;
        List<ManifestIssue> issues = new ArrayList<>();
        String name = string(json, "name", displayPath, issues);
        String version = string(json, "version", displayPath, issues);
        String unity = string(json, "unity", displayPath, issues);
        String unityRelease = string(json, "unityRelease", displayPath, issues);
        String displayName = string(json, "displayName", displayPath, issues);
        String description = string(json, "description", displayPath, issues);
        Map<String, String> dependencies = dependencies(json, displayPath, issues);
        List<String> files = files(json, displayPath, issues);
        if (!issues.isEmpty()) {
            throw new ManifestException(issues);
        }
        return new PackageManifest(file, name, version, unity, unityRelease, displayName, description,
                dependencies, files, json);
    }

    private static String string(ObjectNode json, String field, String file, List<ManifestIssue> issues) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            issues.add(new ManifestIssue(file, field, "must be a string, found " + node.getNodeType().name().toLowerCase(),
                    "write it in double quotes"));
            return null;
        }
        return node.textValue();
    }

    private static Map<String, String> dependencies(ObjectNode json, String file, List<ManifestIssue> issues) {
        JsonNode node = json.get("dependencies");
        Map<String, String> result = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isObject()) {
            issues.add(new ManifestIssue(file, "dependencies", "must be an object of name to version", null));
            return result;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                issues.add(new ManifestIssue(file, "dependencies." + e.getKey(), "version must be a string", null));
            } else {
                result.put(e.getKey(), e.getValue().textValue());
            }
        }
        return result;
    }

    private static List<String> files(ObjectNode json, String file, List<ManifestIssue> issues) {
        JsonNode node = json.get("files");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            issues.add(new ManifestIssue(file, "files", "must be an array of paths or globs", null));
            return null;
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                issues.add(new ManifestIssue(file, "files[" + i + "]", "must be a string", null));
            } else {
                result.add(node.get(i).textValue());
            }
        }
        return result;
    }
}
