package io.ferry.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details, plus Ferry's stable {@code code}, the offending {@code field} and, for
 * server errors, a {@code reference} that also appears in the server log.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      String code, String field, String reference) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem withReference(String ref) {
        return new Problem(type, title, status, detail, instance, code, field, ref);
    }
}
