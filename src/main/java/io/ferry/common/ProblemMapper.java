package io.ferry.common;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The one mapper from any exception to {@code application/problem+json}. Client errors are logged at
 * debug, server errors at error with a reference id that is returned to the client.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable error) {
        return respond(error, uriInfo);
    }

    static Response respond(Throwable error, UriInfo uriInfo) {
        FerryException fe = translate(error);
        String instance = uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
        Problem problem = fe.toProblem(instance);
        if (problem.status() >= 500) {
            String ref = UUID.randomUUID().toString();
            problem = problem.withReference(ref);
            LOG.errorf(error, "%s %s (reference %s): %s", problem.code(), instance, ref, error.getMessage());
        } else {
            LOG.debugf("%s %s: %s", problem.code(), instance, problem.detail());
        }
        Response.ResponseBuilder rb = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        fe.headers().forEach(rb::header);
        return rb.build();
    }

    /** The one table from exception to problem. */
    static FerryException translate(Throwable error) {
        if (error instanceof FerryException fe) {
            return fe;
        }
        if (error instanceof ConstraintViolationException cve) {
            ConstraintViolation<?> v = cve.getConstraintViolations().stream().findFirst().orElse(null);
            String field = v == null ? null : lastNode(v.getPropertyPath().toString());
            String detail = v == null ? "The request is invalid." : "'" + field + "' " + v.getMessage() + ". Correct it and retry.";
            return new FerryException(ErrorCode.VALIDATION_FAILED, detail, field);
        }
        if (error instanceof NotFoundException) {
            return new FerryException(ErrorCode.NOT_FOUND, "No such resource. Check the URL; the API lives under /api/v1 (see /q/openapi).");
        }
        if (error instanceof NotAllowedException) {
            return new FerryException(ErrorCode.METHOD_NOT_ALLOWED, "This resource does not support that HTTP method; see /q/openapi.");
        }
        if (error instanceof NotSupportedException) {
            return new FerryException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json.");
        }
        if (error instanceof NotAcceptableException) {
            return new FerryException(ErrorCode.NOT_ACCEPTABLE, "Accept application/json (or */*).");
        }
        if (error instanceof WebApplicationException wae && wae.getResponse().getStatus() == 400) {
            return new FerryException(ErrorCode.MALFORMED_REQUEST, "The request could not be read: "
                    + rootMessage(wae) + ". Send valid JSON matching the API description at /q/openapi.");
        }
        if (error instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mie) {
            return shapeProblem(mie);
        }
        if (error instanceof WebApplicationException wae && wae.getCause() instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mie) {
            return shapeProblem(mie);
        }
        if (error instanceof com.fasterxml.jackson.core.JacksonException je) {
            return new FerryException(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON for this endpoint: "
                    + je.getOriginalMessage() + ".");
        }
        if (error instanceof WebApplicationException wae && wae.getResponse().getStatus() == 413) {
            return new FerryException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than this endpoint accepts; send files "
                    + "as application/octet-stream uploads.");
        }
        if (error instanceof WebApplicationException wae && wae.getResponse().getStatus() < 500) {
            return new FerryException(ErrorCode.MALFORMED_REQUEST, rootMessage(wae));
        }
        for (Throwable t = error.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof FerryException fe) {
                return fe;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return new FerryException(ErrorCode.VALIDATION_FAILED, "A value of the request cannot be stored (it holds a NUL "
                        + "character, is too long or out of range). Correct it and retry; nothing was changed.");
            }
            if (t instanceof java.sql.SQLException sql && "23503".equals(sql.getSQLState())) {
                return new FerryException(ErrorCode.CONFLICT, "Something else still refers to what this request would remove or "
                        + "change (" + sql.getMessage().lines().findFirst().orElse("a reference") + "). Remove what refers to it "
                        + "first, then retry; nothing was changed.");
            }
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return new FerryException(ErrorCode.CONFLICT, "A concurrent request made the same change first (a label or "
                        + "entry that must be unique is now taken). Look at the current state and retry.");
            }
        }
        return new FerryException(ErrorCode.INTERNAL,
                "An unexpected error occurred. Quote the reference to the administrator; the server log has the details.",
                null, error, Map.of());
    }

    /** A JSON value of the wrong type, said in the API's words (never a Java class name). */
    static FerryException shapeProblem(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        Class<?> t = e.getTargetType();
        String wanted = t == null ? "value of the right type"
                : java.time.temporal.Temporal.class.isAssignableFrom(t) ? "ISO-8601 date-time such as 2026-12-01T08:00:00Z"
                : Number.class.isAssignableFrom(t) || t.isPrimitive() && t != boolean.class ? "number"
                : t == Boolean.class || t == boolean.class ? "true or false"
                : t == String.class ? "string"
                : java.util.Collection.class.isAssignableFrom(t) || t.isArray() ? "list"
                : java.util.UUID.class == t ? "UUID" : "JSON object";
        String field = path.isEmpty() ? null : path.toString();
        return new FerryException(ErrorCode.MALFORMED_REQUEST, (field == null ? "The request body" : "'" + field + "'")
                + " must be a " + wanted + ". Send JSON matching the API description at /q/openapi.", field);
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
