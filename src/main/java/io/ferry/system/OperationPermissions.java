package io.ferry.system;

import io.ferry.security.RequiresPermission;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The permission each REST operation declares ({@code @RequiresPermission} on the method or its class), by the
 * operation id the generator gives it ({@code ExportResource_list}), read from the compiled resource classes when the
 * document is built. Empty when the classes are not a directory (the document is built from one; see OpenApiFilter).
 */
final class OperationPermissions {
    private OperationPermissions() {
    }

    static Map<String, String> byOperationId() {
        Map<String, String> out = new HashMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Enumeration<URL> roots = loader.getResources("io/ferry");
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if (!"file".equals(url.getProtocol())) {
                    continue;
                }
                Path base = Path.of(url.toURI()).getParent().getParent();
                try (Stream<Path> walk = Files.walk(base.resolve("io/ferry"))) {
                    walk.filter(p -> p.toString().endsWith("Resource.class") && !p.toString().contains("$"))
                            .forEach(p -> add(out, loader, base.relativize(p).toString()));
                }
            }
        } catch (IOException | URISyntaxException e) {
            return out;
        }
        return out;
    }

    private static void add(Map<String, String> out, ClassLoader loader, String file) {
        Class<?> type;
        try {
            type = Class.forName(file.replace('/', '.').replace(".class", ""), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        RequiresPermission onClass = type.getAnnotation(RequiresPermission.class);
        for (Method m : type.getDeclaredMethods()) {
            RequiresPermission rp = m.isAnnotationPresent(RequiresPermission.class) ? m.getAnnotation(RequiresPermission.class)
                    : onClass;
            if (rp != null) {
                out.put(type.getSimpleName() + "_" + m.getName(), rp.value().id());
            }
        }
    }
}
