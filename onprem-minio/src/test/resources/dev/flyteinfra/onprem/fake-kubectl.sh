#!/bin/sh
# A stand-in for kubectl with the three Secret verbs the credentials script (and the auth keys
# Job's) uses, keeping each Secret as a folder of files under $FAKE_KUBE_STATE (another namespace
# than the Job's, -n NS, as NS/NAME), and failing like the API server does.
set -eu
state=$FAKE_KUBE_STATE
echo "$*" >> "$state/calls.log"
# -n NS anywhere: the Secret's folder is NS/NAME.
prefix=""
output=""
args=""
while [ $# -gt 0 ]; do
  case "$1" in
    -n) prefix="$2/"; shift 2 ;;
    -o) output="$2"; shift 2 ;;
    *) args="$args $1"; shift ;;
  esac
done
# shellcheck disable=SC2086 # one word per argument, none with spaces
set -- $args
case "$1 $2" in
  "get secret")
    [ -d "$state/secrets/$prefix$3" ] || { echo "Error from server (NotFound): secrets \"$3\" not found" >&2; exit 1; }
    case "$output" in
      jsonpath=*) key=${output#jsonpath=\{.data.}; key=${key%\}}; base64 -w0 < "$state/secrets/$prefix$3/$key" ;;
      *) echo "secret/$3" ;;
    esac
    ;;
  "create secret")
    [ "$3" = generic ] || exit 2
    name=$prefix$4
    shift 4
    if [ -d "$state/secrets/$name" ]; then
      echo "error: failed to create secret secrets \"$name\" already exists" >&2
      exit 1
    fi
    mkdir -p "$state/secrets/$name"
    for arg in "$@"; do
      spec=${arg#--from-file=}
      if [ -d "$spec" ]; then
        cp "$spec"/* "$state/secrets/$name/"   # a folder: one key per file, named like the file
      else
        cp "${spec#*=}" "$state/secrets/$name/${spec%%=*}"
      fi
    done
    echo "secret/$name created"
    ;;
  "label secret")
    [ -d "$state/secrets/$3" ] || exit 1
    ;;
  *)
    echo "fake kubectl: unexpected arguments: $*" >&2
    exit 2
    ;;
esac
