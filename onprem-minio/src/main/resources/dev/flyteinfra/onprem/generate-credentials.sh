#!/bin/sh
# Generates the credentials of the in-cluster Postgres and MinIO into Secrets, once.
# A Secret that exists is kept as it is: rotating a password under data that already uses it
# would lock Flyte out. Running this again (a re-applied Job) changes nothing.
#
# Environment: POSTGRES_CREDENTIALS and MINIO_CREDENTIALS (the Secrets' names; empty = not wanted), WORK (a private,
# memory-backed folder), and kubectl's in-cluster service account. With TASK_NAMESPACE and TASK_CREDENTIALS (Flyte 2,
# whose task pods run in a namespace of their own), MinIO's key is also written there as the task pods read it
# (FLYTE_AWS_ACCESS_KEY_ID, FLYTE_AWS_SECRET_ACCESS_KEY).
set -eu

random() {
  # 24 characters from [A-Za-z0-9]: about 143 bits, and safe in YAML, URLs and shells.
  head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24
}

exists() {
  kubectl get secret "$1" -o name >/dev/null 2>&1
}

# create NAME FILE...: creates the Secret from the files; a Secret created meanwhile by another
# run counts as success.
create() {
  name=$1
  shift
  args=""
  for file in "$@"; do
    args="$args --from-file=$file=$WORK/$name/$file"
  done
  # shellcheck disable=SC2086 # args holds one word per file, without spaces
  if ! kubectl create secret generic "$name" $args >/dev/null; then
    exists "$name" || { echo "could not create Secret $name" >&2; exit 1; }
  fi
  kubectl label secret "$name" --overwrite app.kubernetes.io/managed-by=flyte-infra >/dev/null
  echo "Secret $name created"
}

if [ -n "${POSTGRES_CREDENTIALS:-}" ]; then
  if exists "$POSTGRES_CREDENTIALS"; then
    echo "Secret $POSTGRES_CREDENTIALS exists, kept"
  else
    mkdir -p "$WORK/$POSTGRES_CREDENTIALS"
    random > "$WORK/$POSTGRES_CREDENTIALS/password"
    create "$POSTGRES_CREDENTIALS" password
  fi
fi

if [ -n "${MINIO_CREDENTIALS:-}" ]; then
  if exists "$MINIO_CREDENTIALS"; then
    echo "Secret $MINIO_CREDENTIALS exists, kept"
  else
    dir="$WORK/$MINIO_CREDENTIALS"
    mkdir -p "$dir"
    user="flyte$(random | head -c 8)"
    password=$(random)
    printf '%s' "$user" > "$dir/root-user"
    printf '%s' "$password" > "$dir/root-password"
    # The same key as a Flyte config file, projected into Flyte's config folder (auth_type accesskey).
    printf 'storage:\n  stow:\n    config:\n      access_key_id: %s\n      secret_key: %s\n' "$user" "$password" \
      > "$dir/flyte-storage-credentials.yaml"
    create "$MINIO_CREDENTIALS" root-user root-password flyte-storage-credentials.yaml
  fi
fi

if [ -n "${MINIO_CREDENTIALS:-}" ] && [ -n "${TASK_NAMESPACE:-}" ]; then
  if kubectl get secret "$TASK_CREDENTIALS" -n "$TASK_NAMESPACE" -o name >/dev/null 2>&1; then
    echo "Secret $TASK_NAMESPACE/$TASK_CREDENTIALS exists, kept"
  else
    dir="$WORK/task/$TASK_CREDENTIALS"
    mkdir -p "$dir"
    kubectl get secret "$MINIO_CREDENTIALS" -o 'jsonpath={.data.root-user}' | base64 -d > "$dir/FLYTE_AWS_ACCESS_KEY_ID"
    kubectl get secret "$MINIO_CREDENTIALS" -o 'jsonpath={.data.root-password}' | base64 -d > "$dir/FLYTE_AWS_SECRET_ACCESS_KEY"
    if ! kubectl create secret generic "$TASK_CREDENTIALS" -n "$TASK_NAMESPACE" \
        "--from-file=FLYTE_AWS_ACCESS_KEY_ID=$dir/FLYTE_AWS_ACCESS_KEY_ID" \
        "--from-file=FLYTE_AWS_SECRET_ACCESS_KEY=$dir/FLYTE_AWS_SECRET_ACCESS_KEY" >/dev/null; then
      kubectl get secret "$TASK_CREDENTIALS" -n "$TASK_NAMESPACE" -o name >/dev/null 2>&1 \
        || { echo "could not create Secret $TASK_NAMESPACE/$TASK_CREDENTIALS" >&2; exit 1; }
    fi
    echo "Secret $TASK_NAMESPACE/$TASK_CREDENTIALS created"
  fi
fi
