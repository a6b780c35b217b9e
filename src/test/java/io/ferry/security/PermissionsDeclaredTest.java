package io.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every HTTP endpoint of the server (main code) declares the permission it needs. */
class PermissionsDeclaredTest {
    private static final Set<Class<? extends Annotation>> VERBS = Set.of(GET.class, POST.class, PUT.class, DELETE.class,
            PATCH.class, HEAD.class);

    @Test
    void everyApiEndpointDeclaresAPermission() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of("target", "classes");
        List<String> missing = new ArrayList<>();
        int endpoints = 0;
        try (var walk = Files.walk(classes)) {
            for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) walk::iterator) {
                String rel = classes.relativize(p).toString();
                if (!rel.endsWith(".class") || rel.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(rel.replace('/', '.').replace(".class", ""), false, getClass().getClassLoader());
                Path path = type.getAnnotation(Path.class);
                if (path == null || !path.value().startsWith("/api/")) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    if (VERBS.stream().noneMatch(m::isAnnotationPresent)) {
                        continue;
                    }
                    endpoints++;
                    if (!m.isAnnotationPresent(RequiresPermission.class) && !type.isAnnotationPresent(RequiresPermission.class)) {
                        missing.add(type.getSimpleName() + "." + m.getName());
                    }
                }
            }
        }
        assertThat(endpoints).as("endpoints found").isGreaterThanOrEqualTo(7);
        assertThat(missing).as("endpoints without @RequiresPermission").isEmpty();
    }
}
