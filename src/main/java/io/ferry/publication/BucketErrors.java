package io.ferry.publication;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What a failed bucket request means for the operator, in Ferry's error codes. */
final class BucketErrors {
    private BucketErrors() {
    }

    static FerryException of(Target t, String doing, SdkException e) {
        String where = "bucket '" + t.bucket() + "' at " + t.endpoint();
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            int status = s3.statusCode();
            if ("NoSuchBucket".equals(code) || status == 404 && code == null) {
                return new FerryException(ErrorCode.PUBLICATION_BUCKET_MISSING, "The " + where + " does not exist (while "
                        + doing + "). Create it, or correct the target (--bucket, --endpoint); a rerun publishes everything "
                        + "still missing.", "bucket");
            }
            if (status == 401 || status == 403) {
                return new FerryException(ErrorCode.PUBLICATION_CREDENTIALS_REFUSED, "The " + where + " refused the "
                        + "publisher's credentials while " + doing + " (" + (code == null ? "HTTP " + status : code)
                        + "). Give an access key with write access to the bucket (--access-key-id, --secret-access-key); "
                        + "nothing was changed in the bucket.", "accessKeyId");
            }
            return new FerryException(ErrorCode.PUBLICATION_BUCKET_FAILED, "The " + where + " answered " + status
                    + (code == null ? "" : " " + code) + " while " + doing + ". The bucket keeps serving the last complete "
                    + "publication; publish again when it answers.", e);
        }
        String msg = e instanceof SdkClientException && e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new FerryException(ErrorCode.PUBLICATION_TARGET_UNREACHABLE, "No answer from the " + where + " while " + doing
                + " (" + msg + "). Check --endpoint and the network; the bucket keeps serving the last complete publication.",
                "endpoint");
    }
}
