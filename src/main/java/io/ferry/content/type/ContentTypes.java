package io.ferry.content.type;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.StreamSupport;

/** The registry of content type plugins. */
@ApplicationScoped
public class ContentTypes {
    @Inject
    @Any
    Instance<ContentType> types;

    public ContentType require(String id) {
        ContentType t = find(id);
        if (t != null) {
            return t;
        }
        throw new FerryException(ErrorCode.CONTENT_TYPE_UNKNOWN, "Unknown content type '" + id + "'; this server knows "
                + ids() + ".", "contentType");
    }

    /** The type with that id, or null. */
    public ContentType find(String id) {
        for (ContentType t : types) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        return null;
    }

    public List<String> ids() {
        return StreamSupport.stream(types.spliterator(), false).map(ContentType::id).sorted().toList();
    }
}
