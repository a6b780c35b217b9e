package io.ferry.common;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A JSON body of the wrong shape (an array where an object belongs, text where a number does) goes through
 * the same table as everything else ({@link ProblemMapper#respond}); this registration outranks the
 * framework's built-in mapper for it, which answers 400 with an empty body.
 */
@Provider
public class JsonInputMapper implements ExceptionMapper<MismatchedInputException> {
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(MismatchedInputException e) {
        return ProblemMapper.respond(e, uriInfo);
    }
}
