package dev.flyteinfra.core.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The rules of {@code storage:} ({@link ObjectStore}). */
final class StorageChecks {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern AZURE_CONTAINER = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
  private static final Pattern AZURE_ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");

  private StorageChecks() {}

  static void check(Checks c, ObjectStore store) {
    List<String> providers = Stream.of(
            store.s3().map(x -> "s3"), store.gcs().map(x -> "gcs"), store.azure().map(x -> "azure"), store.minio().map(x -> "minio"))
        .flatMap(Optional::stream).toList();
    if (providers.size() != 1) {
      c.add("", providers.isEmpty() ? "names no object store" : "names " + providers.size() + " object stores " + providers,
          "set exactly one of storage.s3, storage.gcs, storage.azure, storage.minio");
    }
    boolean azure = store.azure().isPresent();
    if (c.required("metadataBucket", store.metadataBucket(), "name the bucket for Flyte's metadata")) {
      bucket(c, "metadataBucket", store.metadataBucket(), azure);
    }
    store.userDataBucket().ifPresent(b -> bucket(c, "userDataBucket", b, azure));
    store.s3().ifPresent(s3 -> {
      if (c.required("s3.region", s3.region(), "give the buckets' AWS region, e.g. us-east-1")) {
        c.awsRegion("s3.region", Optional.of(s3.region()));
      }
      s3.endpoint().ifPresent(e -> c.url("s3.endpoint", e));
    });
    store.gcs().ifPresent(gcs -> {
      if (c.required("gcs.project", gcs.project(), "give the GCP project id") && !Checks.GCP_PROJECT.matcher(gcs.project()).matches()) {
        c.add("gcs.project", "'" + gcs.project() + "' is not a GCP project id", "use 6-30 lower-case letters, digits and '-', starting with a letter");
      }
    });
    store.azure().ifPresent(account -> {
      if (c.required("azure.account", account.account(), "name the storage account") && !AZURE_ACCOUNT.matcher(account.account()).matches()) {
        c.add("azure.account", "'" + account.account() + "' is not a storage account name", "use 3-24 lower-case letters and digits");
      }
    });
    store.minio().ifPresent(minio -> minio(c.at("minio"), minio));
  }

  private static void minio(Checks c, MinioStorage minio) {
    c.required("region", minio.region(), "give a region name, e.g. us-east-1");
    if (minio.inCluster().isPresent()) {
      String generated = "the in-cluster MinIO's access key is generated into a Secret";
      c.absent("endpoint", minio.endpoint(), "the in-cluster MinIO is reached at its Service");
      c.absent("accessKeyId", minio.accessKeyId(), generated);
      c.absent("secretAccessKey", minio.secretAccessKey(), generated);
      c.absent("credentialsConfig", minio.credentialsConfig().orElse(null), generated);
      DatabaseChecks.inClusterServer(c.at("inCluster"), minio.inCluster().get());
      return;
    }
    if (c.required("endpoint", minio.endpoint(), "give the S3 API URL, e.g. http://minio.flyte:9000, or set inCluster")) {
      c.url("endpoint", minio.endpoint());
    }
    if (c.required("accessKeyId", minio.accessKeyId(), "reference the Secret key holding the access key id")) {
      c.secretRef("accessKeyId", minio.accessKeyId());
    }
    if (c.required("secretAccessKey", minio.secretAccessKey(), "reference the Secret key holding the secret key")) {
      c.secretRef("secretAccessKey", minio.secretAccessKey());
    }
    minio.credentialsConfig().ifPresent(ref -> c.secretRef("credentialsConfig", ref));
  }

  private static void bucket(Checks c, String field, String name, boolean azure) {
    if (azure) {
      c.matches(field, name, AZURE_CONTAINER, 63, "an Azure container name: 3-63 lower-case letters, digits and single '-'");
    } else {
      c.matches(field, name, BUCKET, 63, "a bucket name: 3-63 lower-case letters, digits, '.' and '-'");
    }
  }
}
