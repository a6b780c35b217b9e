package io.ferry.contentview;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Label;

/** The label rule of content views: a {@link Label}, and not {@value #RESERVED} (its URL serves repositories directly). */
public final class ContentViewLabels {
    public static final String RESERVED = "custom";

    private ContentViewLabels() {
    }

    public static Label require(String label, String field) {
        Label l = Label.of(label, field);
        if (RESERVED.equals(l.value())) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "The label '" + RESERVED + "' is reserved for content views "
                    + "(/content/{org}/Library/custom/ serves repositories); choose another.", field);
        }
        return l;
    }
}
