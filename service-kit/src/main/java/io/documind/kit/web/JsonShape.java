package io.documind.kit.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.config.annotation.SerdeConfig;

import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Whether each value of a parsed JSON body has the kind its declared Java type expects. Micronaut Serde 2.x
 * coerces scalars with no switch to turn it off ({@code "perhaps"} or {@code [true]} becomes {@code false}, a number
 * becomes a string, {@code "7"} an int), so the kit checks request bodies here before they are bound. Only request
 * bodies: events keep serde's tolerant reading.
 */
public final class JsonShape {

    private static final Set<Class<?>> INTEGERS = Set.of(byte.class, short.class, int.class, long.class, Byte.class,
            Short.class, Integer.class, Long.class, BigInteger.class);

    private JsonShape() {
    }

    /** The first value of {@code body} (maps, lists, scalars as JSON parses them) that {@code type} cannot take. */
    public static Optional<StorableText.Refusal> mismatch(Argument<?> type, @Nullable Object body) {
        Class<?> java = type.getType();
        if (!Map.class.isAssignableFrom(java) && BeanIntrospector.SHARED.findIntrospection(java).isEmpty()) {
            return Optional.empty(); // a body read raw (a String, bytes, a JSON tree) is the route's to read
        }
        return mismatch("", type, body);
    }

    private static Optional<StorableText.Refusal> mismatch(String path, Argument<?> declared, @Nullable Object value) {
        if (value == null) {
            return Optional.empty(); // absence is the validation's business
        }
        Argument<?> type = declared.getType() == Optional.class ? declared.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT) : declared;
        Class<?> java = type.getType();
        if (java == boolean.class || java == Boolean.class) {
            return expect(path, value instanceof Boolean, "a boolean");
        }
        if (INTEGERS.contains(java)) {
            return expect(path, value instanceof Integer || value instanceof Long || value instanceof BigInteger
                    || value instanceof Short || value instanceof Byte, "an integer");
        }
        if (java.isPrimitive() || Number.class.isAssignableFrom(java)) {
            return expect(path, value instanceof Number, "a number");
        }
        if (CharSequence.class.isAssignableFrom(java) || java == Character.class || java == char.class
                || java.isEnum() || java == UUID.class) {
            return expect(path, value instanceof CharSequence, "a string");
        }
        if (Collection.class.isAssignableFrom(java) || java.isArray()) {
            Argument<?> element = java.isArray() ? Argument.of(java.getComponentType())
                    : type.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
            return value instanceof List<?> list ? elements(path, element, list) : expect(path, false, "an array");
        }
        if (Map.class.isAssignableFrom(java)) {
            Argument<?>[] parameters = type.getTypeParameters();
            Argument<?> entry = parameters.length == 2 ? parameters[1] : Argument.OBJECT_ARGUMENT;
            return value instanceof Map<?, ?> map ? entries(path, map, name -> Optional.of(entry))
                    : expect(path, false, "an object");
        }
        Optional<? extends BeanIntrospection<?>> bean = BeanIntrospector.SHARED.findIntrospection(java);
        if (bean.isPresent()) {
            return value instanceof Map<?, ?> map ? entries(path, map, name -> property(bean.get(), name))
                    : expect(path, false, "an object");
        }
        return Optional.empty(); // Object, time types and the like: serde's own reading decides
    }

    private static Optional<StorableText.Refusal> elements(String path, Argument<?> element, List<?> list) {
        for (int i = 0; i < list.size(); i++) {
            Optional<StorableText.Refusal> found = mismatch(path + "[" + i + "]", element, list.get(i));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<StorableText.Refusal> entries(String path, Map<?, ?> map,
                                                          java.util.function.Function<String, Optional<Argument<?>>> types) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            Optional<StorableText.Refusal> found = types.apply(name).flatMap(type ->
                    mismatch(path.isEmpty() ? name : path + "." + name, type, entry.getValue()));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty(); // an unknown name is the binding's 400
    }

    /** The property serde reads {@code name} into: its JSON name, renamed or not. */
    private static Optional<Argument<?>> property(BeanIntrospection<?> bean, String name) {
        for (BeanProperty<?, ?> property : bean.getBeanProperties()) {
            if (name.equals(property.stringValue(SerdeConfig.class, SerdeConfig.PROPERTY).orElse(property.getName()))) {
                return Optional.of(property.asArgument());
            }
        }
        return Optional.empty();
    }

    private static Optional<StorableText.Refusal> expect(String path, boolean fits, String kind) {
        return fits ? Optional.empty() : Optional.of(new StorableText.Refusal(path.isEmpty() ? "body" : path, "must be " + kind));
    }
}
