package io.documind.kit.events;

import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a Jackson tree (what the JSON Schema validator checks) into micronaut's (what micronaut-serde binds records
 * from), so a record is parsed once. Numbers keep their kind: integers as int, long or BigInteger, decimals as
 * double or BigDecimal, as Jackson read them.
 */
final class TreeCopy {

    private TreeCopy() {
    }

    static JsonNode of(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return JsonNode.nullNode();
        }
        if (node.isObject()) {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            node.properties().forEach(field -> fields.put(field.getKey(), of(field.getValue())));
            return JsonNode.createObjectNode(fields);
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(of(item)));
            return JsonNode.createArrayNode(items);
        }
        if (node.isTextual()) {
            return JsonNode.createStringNode(node.textValue());
        }
        if (node.isBoolean()) {
            return JsonNode.createBooleanNode(node.booleanValue());
        }
        if (node.isNumber()) {
            return switch (node.numberType()) {
                case INT -> JsonNode.createNumberNode(node.intValue());
                case LONG -> JsonNode.createNumberNode(node.longValue());
                case BIG_INTEGER -> JsonNode.createNumberNode(node.bigIntegerValue());
                case FLOAT -> JsonNode.createNumberNode(node.floatValue());
                case DOUBLE -> JsonNode.createNumberNode(node.doubleValue());
                case BIG_DECIMAL -> JsonNode.createNumberNode(node.decimalValue());
            };
        }
        // Binary and POJO nodes never come out of parsing JSON text.
        throw new IllegalArgumentException("unexpected JSON node " + node.getNodeType());
    }
}
