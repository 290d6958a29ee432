package mx.implan.brujula.testing;

import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;

import java.util.ArrayList;
import java.util.List;

/**
 * Empties a bucket that belongs to one test or bench (never the application's), so that runs which
 * upload hundreds of megabytes do not pile them up in the local S3 server. Uses the
 * {@code BRUJULA_S3_*} settings the project scripts export.
 */
public final class ScratchBucket {

    private ScratchBucket() {
    }

    public static MinioClient client() {
        return MinioClient.builder()
                .endpoint(System.getenv().getOrDefault("BRUJULA_S3_ENDPOINT", "http://127.0.0.1:9000"))
                .region("us-east-1")
                .credentials(System.getenv().getOrDefault("BRUJULA_S3_ACCESS_KEY", "none"),
                        System.getenv().getOrDefault("BRUJULA_S3_SECRET_KEY", "none"))
                .build();
    }

    /** Removes every object of {@code bucket}; a bucket that does not exist yet is left alone. */
    public static void empty(String bucket) {
        MinioClient s3 = client();
        try {
            if (!s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                return;
            }
            List<String> keys = new ArrayList<>();
            for (Result<Item> r : s3.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
                Item item = r.get();
                if (!item.isDir()) {
                    keys.add(item.objectName());
                }
            }
            for (String key : keys) {
                s3.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not empty bucket " + bucket + ": " + e.getMessage(), e);
        }
    }
}
