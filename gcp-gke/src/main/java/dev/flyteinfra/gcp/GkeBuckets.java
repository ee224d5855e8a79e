package dev.flyteinfra.gcp;

import com.pulumi.gcp.storage.Bucket;
import com.pulumi.gcp.storage.BucketArgs;
import com.pulumi.gcp.storage.inputs.BucketVersioningArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/** Flyte's GCS buckets: in the region, uniform access, public access prevented, versioned on request, never force-destroyed. */
final class GkeBuckets {
  private GkeBuckets() {}

  /** Bucket name → bucket. */
  static Map<String, Bucket> create(Resource parent, String name, String project, FlyteGkeArgs args, SortedSet<String> names) {
    CustomResourceOptions child = CustomResourceOptions.builder().parent(parent).build();
    Map<String, Bucket> buckets = new TreeMap<>();
    for (String bucket : names) {
      buckets.put(bucket, new Bucket(name + "-" + bucket, BucketArgs.builder().project(project).name(bucket)
          .location(args.region().toUpperCase(Locale.ROOT))
          .uniformBucketLevelAccess(true)
          .publicAccessPrevention("enforced")
          .versioning(BucketVersioningArgs.builder().enabled(args.bucketVersioning()).build())
          .forceDestroy(false)
          .build(), child));
    }
    return buckets;
  }
}
