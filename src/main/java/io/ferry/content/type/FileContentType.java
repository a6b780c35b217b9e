package io.ferry.content.type;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Metadata;
import io.ferry.common.value.RelativePath;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code file} content type: any files (ISO images, OVF/VMDK templates, qcow2 images...) with a
 * relative path, size, SHA-256 and metadata tags. A repository publishes a PULP_MANIFEST.
 */
@ApplicationScoped
public class FileContentType implements ContentType {
    public static final String ID = "file";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void validate(UnitDraft unit) {
        RelativePath.of(unit.relativePath(), "relativePath");
        if (unit.relativePath().equals(PulpManifest.NAME)) {
            throw new FerryException(ErrorCode.INVALID_RELATIVE_PATH, "'" + PulpManifest.NAME + "' at the top of a file "
                    + "repository is the generated manifest; store the file under another path.", "relativePath");
        }
        Metadata.of(unit.metadata());
    }

    @Override
    public Map<String, Object> describe(UnitRow unit) {
        String p = unit.relativePath();
        return Map.of("fileName", p.substring(p.lastIndexOf('/') + 1));
    }

    @Override
    public List<String> indexFiles() {
        return List.of(PulpManifest.NAME);
    }

    @Override
    public void writeIndex(String name, UnitSource units, OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        units.forEach(u -> PulpManifest.writeLine(w, u));
        w.flush();
    }

    @Override
    public String remoteIndex() {
        return PulpManifest.NAME;
    }

    @Override
    public Iterator<UnitDraft> readRemoteIndex(Reader index) {
        return PulpManifest.read(index);
    }
}
