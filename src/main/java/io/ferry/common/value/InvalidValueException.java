package io.ferry.common.value;

/**
 * A value that breaks its type's rule. Carries the type's own error code so each entry point (the API,
 * an import, a sync) reports it the same way; callers that read foreign data (bundles) re-wrap its message
 * with their code and the field's place in the document.
 */
public final class InvalidValueException extends io.ferry.common.FerryException {
    private final String what;
    private final String value;
    private final String problem;
    private final String rule;

    InvalidValueException(io.ferry.common.ErrorCode code, String what, String value, String problem, String rule, String field) {
        super(code, what + " '" + Text.printable(value) + "' " + problem + ". " + rule, field);
        this.what = what;
        this.value = value;
        this.problem = problem;
        this.rule = rule;
    }

    /** The same refusal, naming another field. */
    public InvalidValueException withField(String field) {
        return new InvalidValueException(errorCode(), what, value, problem, rule, field);
    }
}
