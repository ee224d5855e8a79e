#!/bin/sh
# Creates Flyte's buckets in MinIO when they are missing; existing buckets and their objects are
# kept, so running this again (a re-applied Job) changes nothing.
#
# Environment: S3_ENDPOINT, BUCKETS (space-separated), AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_DEFAULT_REGION; WAIT_SECONDS (how long to wait for MinIO, default 300).
set -eu

s3api() {
  aws --endpoint-url "$S3_ENDPOINT" s3api "$@"
}

waited=0
until s3api list-buckets >/dev/null 2>&1; do
  if [ "$waited" -ge "${WAIT_SECONDS:-300}" ]; then
    echo "MinIO at $S3_ENDPOINT did not answer within ${WAIT_SECONDS:-300}s" >&2
    exit 1
  fi
  echo "waiting for MinIO at $S3_ENDPOINT"
  sleep 5
  waited=$((waited + 5))
done

for bucket in $BUCKETS; do
  if s3api head-bucket --bucket "$bucket" >/dev/null 2>&1; then
    echo "bucket $bucket exists, kept"
  elif s3api create-bucket --bucket "$bucket" >/dev/null; then
    echo "bucket $bucket created"
  else
    # Created meanwhile by another run, or a real failure: only the bucket's presence tells.
    s3api head-bucket --bucket "$bucket" >/dev/null
    echo "bucket $bucket exists, kept"
  fi
done
