package io.ferry.system;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Makes the generated document usable by client generators and clean under a standard linter: each operation
 * gets a stable camel-case operationId from its resource and method ({@code ExportResource_list} becomes
 * {@code exportList}), and a {@code 4XX}/{@code 5XX} problem+json response (the error model of docs/errors.md)
 * when it documents none, and {@code x-ferry-permission}: the permission it requires; the document names the two
 * listeners as servers.
 */
public class OpenApiFilter implements OASFilter {
    static final String PROBLEM = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.getComponents().addSchema("Problem", problemSchema());
        api.getComponents().addResponse("Problem", OASFactory.createAPIResponse()
                .description("A problem (RFC 9457) with a stable code; see docs/errors.md").content(OASFactory.createContent()
                        .addMediaType("application/problem+json", OASFactory.createMediaType().schema(OASFactory.createSchema()
                                .ref(PROBLEM)))));
        api.servers(java.util.List.of(server("https://{host}:{port}", "8443", "HTTPS (client certificates requested)"),
                server("http://{host}:{port}", "8080", "HTTP (unless quarkus.http.insecure-requests=disabled)")));
        if (api.getPaths() == null) {
            return;
        }
        Map<String, String> permissions = OperationPermissions.byOperationId();
        for (PathItem item : api.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                Operation op = e.getValue();
                String permission = permissions.get(op.getOperationId());
                if (permission != null) { // docs/permissions.md: what each role holds
                    op.addExtension("x-ferry-permission", permission);
                }
                op.setOperationId(operationId(op.getOperationId()));
                boolean has4xx = op.getResponses() != null && op.getResponses().getAPIResponses().keySet().stream()
                        .anyMatch(k -> k.startsWith("4"));
                if (!has4xx) {
                    op.getResponses().addAPIResponse("4XX", problemRef());
                }
                if (op.getResponses().getAPIResponses().keySet().stream().noneMatch(k -> k.startsWith("5"))) {
                    op.getResponses().addAPIResponse("5XX", problemRef());
                }
            }
        }
    }

    private static org.eclipse.microprofile.openapi.models.servers.Server server(String url, String port, String description) {
        return OASFactory.createServer().url(url).description(description)
                .addVariable("host", OASFactory.createServerVariable().defaultValue("ferry").description("The server's host name"))
                .addVariable("port", OASFactory.createServerVariable().defaultValue(port).description("quarkus.http.port or "
                        + "quarkus.http.ssl-port"));
    }

    private static APIResponse problemRef() {
        return OASFactory.createAPIResponse().ref("#/components/responses/Problem");
    }

    /** {@code TrustedCertificateResource_list} to {@code trustedCertificateList}; ids without the pattern stay. */
    static String operationId(String id) {
        if (id == null || !id.contains("_")) {
            return id;
        }
        String cls = id.substring(0, id.indexOf('_')).replaceAll("Resource$", "");
        String method = id.substring(id.indexOf('_') + 1);
        return Character.toLowerCase(cls.charAt(0)) + cls.substring(1) + Character.toUpperCase(method.charAt(0)) + method.substring(1);
    }

    private static Schema problemSchema() {
        Schema s = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("application/problem+json");
        for (String f : new String[] {"type", "title", "detail", "instance", "code", "field", "reference"}) {
            s.addProperty(f, OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        }
        s.addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
        return s;
    }
}
