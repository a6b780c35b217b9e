package io.ferry.system;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** API-wide OpenAPI description: every /api/v1 endpoint takes HTTP Basic or a Bearer token. */
@OpenAPIDefinition(
        info = @Info(title = "Ferry API", version = "v1",
                description = "Organize content and move it between Ferry servers. Errors are application/problem+json "
                        + "with a stable 'code'; long operations answer 202 with the task's Location."),
        security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "token")})
@SecuritySchemes({
    @SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic"),
    @SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer")})
public class FerryApiDefinition extends Application {
}
