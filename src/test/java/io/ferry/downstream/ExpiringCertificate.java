package io.ferry.downstream;

import io.ferry.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;

/** A client certificate with exact validity dates, issued by an openssl test CA with 'openssl ca' (x509 -req cannot set dates). */
final class ExpiringCertificate {
    private ExpiringCertificate() {
    }

    static void issue(Path dir, String name, String ca, String start, String end) throws Exception {
        Path db = Files.createDirectories(dir.resolve("ca-db"));
        Files.writeString(db.resolve("index.txt"), "");
        Files.writeString(db.resolve("serial"), "1000\n");
        Files.writeString(dir.resolve("ca.cnf"), String.join("\n",
                "[ca]", "default_ca = test", "[test]", "dir = " + db, "database = $dir/index.txt", "serial = $dir/serial",
                "new_certs_dir = $dir", "default_md = sha256", "policy = any", "copy_extensions = none", "unique_subject = no",
                "x509_extensions = client", "[any]", "commonName = supplied", "[client]", "basicConstraints = CA:false",
                "extendedKeyUsage = clientAuth", "keyUsage = digitalSignature", "") + "\n");
        Tools.ok(dir, "openssl", "ca", "-batch", "-config", "ca.cnf", "-cert", ca + ".pem", "-keyfile", ca + ".key", "-in",
                name + ".csr", "-out", name + ".pem", "-startdate", start, "-enddate", end, "-notext");
    }
}
