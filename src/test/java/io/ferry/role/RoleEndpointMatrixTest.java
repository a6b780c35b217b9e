package io.ferry.role;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.audit.Audited;
import io.ferry.security.Permission;
import io.ferry.security.RequiresPermission;
import io.ferry.support.Api;
import io.ferry.support.ContentFixtures;
import io.ferry.support.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Built-in roles x every API endpoint, from the endpoint scan: a role that lacks an endpoint's permission is refused
 * (403) before anything runs; a role that holds it gets past the gate (whatever the endpoint then answers for the
 * made-up objects and the malformed body it is sent: never 401 or 403). And every endpoint that changes something is
 * audited.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabaseResource.class)
public class RoleEndpointMatrixTest {
    private static final Set<Class<? extends Annotation>> VERBS = Set.of(GET.class, POST.class, PUT.class, DELETE.class,
            PATCH.class, HEAD.class);
    /** Endpoints that change nothing (dry runs, checks, chunks of an upload that is audited when committed). */
    private static final Set<String> NOT_AUDITED = Set.of("ExportResource.plan", "ImportResource.check", "UpstreamSyncResource.test",
            "UploadResource.create", "UploadResource.put", "UploadResource.delete");
    /** What the built-in role 'Downstream Server' holds (what an enrolled downstream's assignments give it). */
    public static final Set<Permission> DOWNSTREAM = EnumSet.of(Permission.VIEW_STATUS, Permission.VIEW_TASKS, Permission.VIEW_CONTENT,
            Permission.EXPORT_CONTENT);
    /** The permissions each built-in role holds, as written in docs/permissions.md (every user also holds the base three). */
    private static final Map<String, Set<Permission>> ROLES = Map.of(
            "Administrator", EnumSet.allOf(Permission.class),
            "Viewer", EnumSet.of(Permission.VIEW_TASKS, Permission.VIEW_CONTENT),
            "Content Manager", EnumSet.of(Permission.VIEW_TASKS, Permission.CANCEL_TASKS, Permission.VIEW_CONTENT,
                    Permission.EDIT_CONTENT, Permission.UPLOAD_CONTENT, Permission.SYNC_REPOSITORIES, Permission.PUBLISH_CONTENT,
                    Permission.PROMOTE_CONTENT),
            "Content Exporter", EnumSet.of(Permission.VIEW_TASKS, Permission.VIEW_CONTENT, Permission.EXPORT_CONTENT),
            "Content Importer", EnumSet.of(Permission.VIEW_TASKS, Permission.VIEW_CONTENT, Permission.IMPORT_CONTENT),
            "Downstream Server", DOWNSTREAM);
    private static final Set<Permission> BASE = EnumSet.of(Permission.VIEW_STATUS, Permission.MANAGE_OWN_TOKENS,
            Permission.MANAGE_OWN_ACCOUNT);

    public record Endpoint(String name, String verb, String path, Permission permission, boolean body, String consumes) {
        public boolean mutating() {
            return !verb.equals("GET") && !verb.equals("HEAD");
        }
    }

    @Test
    void everyBuiltInRoleIsRefusedExactlyWhatItLacks() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).hasSizeGreaterThan(100);
        List<String> wrong = new ArrayList<>();
        int called = 0;
        for (Map.Entry<String, Set<Permission>> role : ROLES.entrySet()) {
            String user = RolesApiTest.user(false);
            Api.asAdmin().contentType("application/json").body("{\"role\":\"" + role.getKey() + "\"}")
                    .post("/api/v1/users/" + user + "/roles").then().statusCode(201);
            for (Endpoint e : endpoints) {
                boolean holds = role.getValue().contains(e.permission()) || BASE.contains(e.permission());
                if (holds && e.mutating() && !e.body() && !e.path().contains("{")) {
                    continue; // e.g. rotating the CA: it would really happen; held permissions there are covered elsewhere
                }
                called++;
                var req = given().auth().preemptive().basic(user, RolesApiTest.PASSWORD).contentType(e.consumes());
                if (e.mutating()) {
                    req = e.consumes().contains("json") ? req.body("{not json") : req.body("not an archive".getBytes());
                }
                int status = req.request(e.verb(), concrete(e.path())).getStatusCode();
                if (holds ? status == 401 || status == 403 : status != 403) {
                    wrong.add(role.getKey() + " " + e.verb() + " " + e.path() + " (" + e.permission().id() + "): " + status);
                }
            }
        }
        assertThat(called).isGreaterThan(400);
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyEndpointThatChangesSomethingIsAudited() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (e.mutating() && !NOT_AUDITED.contains(e.name()) && !e.name().startsWith("!")) {
                missing.add(e.name());
            }
        }
        assertThat(missing).as("mutating endpoints without @Audited").isEmpty();
    }

    /** Path parameters filled with objects that do not exist (organizations too: an allowed call then answers 404). */
    public static String concrete(String path) {
        return path.replaceAll("\\{id}", "00000000-0000-0000-0000-000000000000").replaceAll("\\{(number|base|assignment)}", "987654")
                .replaceAll("\\{name:[^}]*}", "no-such-file").replaceAll("\\{[a-z]+}", "no-such-" + ContentFixtures.unique("x"));
    }

    /** Every endpoint; names of audited ones start with '!' (so the audit test can tell them apart). */
    public static List<Endpoint> endpoints() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of("target", "classes");
        List<Endpoint> out = new ArrayList<>();
        try (var walk = Files.walk(classes)) {
            for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) walk::iterator) {
                String rel = classes.relativize(p).toString();
                if (!rel.endsWith(".class") || rel.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(rel.replace('/', '.').replace(".class", ""), false,
                        RoleEndpointMatrixTest.class.getClassLoader());
                Path base = type.getAnnotation(Path.class);
                if (base == null || !base.value().startsWith("/api/")) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    String verb = VERBS.stream().filter(m::isAnnotationPresent).map(v -> v.getSimpleName()).findFirst().orElse(null);
                    if (verb == null) {
                        continue;
                    }
                    Path sub = m.getAnnotation(Path.class);
                    String path = base.value() + (sub == null ? "" : (sub.value().startsWith("/") ? "" : "/") + sub.value());
                    RequiresPermission rp = m.isAnnotationPresent(RequiresPermission.class) ? m.getAnnotation(RequiresPermission.class)
                            : type.getAnnotation(RequiresPermission.class);
                    boolean body = false;
                    for (Parameter param : m.getParameters()) {
                        body |= java.util.Arrays.stream(param.getAnnotations()).map(Annotation::annotationType).noneMatch(a ->
                                a == PathParam.class || a == QueryParam.class || a == HeaderParam.class || a == Context.class
                                        || a == BeanParam.class || a == CookieParam.class || a == FormParam.class
                                        || a.getName().startsWith("org.jboss.resteasy.reactive"));
                    }
                    Consumes consumes = m.isAnnotationPresent(Consumes.class) ? m.getAnnotation(Consumes.class)
                            : type.getAnnotation(Consumes.class);
                    String media = consumes == null || consumes.value().length == 0 ? "application/json" : consumes.value()[0];
                    String name = (m.isAnnotationPresent(Audited.class) ? "!" : "") + type.getSimpleName() + "." + m.getName();
                    out.add(new Endpoint(name, verb, path, rp == null ? null : rp.value(), body, media));
                }
            }
        }
        return out.stream().sorted(java.util.Comparator.comparing(Endpoint::path)).collect(Collectors.toList());
    }
}
