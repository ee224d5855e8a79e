#!/usr/bin/env bash
# Cold start, beside `kubectl kustomize` of the same output in the same run. Three cases, each RUNS
# times (default 5), each run into a fresh folder:
#   sandbox     ./flyte-infra synth --config examples/sandbox.yaml     (a plain deployment: no cloud)
#   binary-aws  ./flyte-infra synth --config examples/binary-aws.yaml  (with its AWS CDK template and cdk-nag)
#   all         ./flyte-infra synth                                    (every example in one process)
# and after each, `kubectl kustomize` of every folder with a kustomization.yaml that the run wrote (one
# process per folder, as a user renders them; operators/ is left out: it points at a remote release).
# Writes "<case> <tool> <wall seconds> <max RSS KiB>" per run, as /usr/bin/time -v reports them, to
# benchmarks/target/cold-start.tsv; RunBenchmarks reports the medians. The machine's load is
# written beside them (uptime before and after).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
out="$root/benchmarks/target/cold-start.tsv"
mkdir -p "$(dirname "$out")"
"$root/flyte-infra" --version >/dev/null   # builds the CLI jar and its class-data archive first if stale: not measured
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# The wall time and peak RSS of one command, as "<seconds> <KiB>".
timed() {
  /usr/bin/time -v -o "$scratch/time.txt" "$@" >/dev/null
  awk -F': ' '
    /Elapsed \(wall clock\) time/ { n = split($2, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /Maximum resident set size/   { rss = $2 }
    END { printf "%.3f %d\n", wall, rss }' "$scratch/time.txt"
}

# kubectl kustomize of every kustomization folder under $1, one process each, as one timed command.
kustomize_all() {
  find "$1" -path '*/operators' -prune -o -name kustomization.yaml -print | sort | while read -r k; do
    kubectl kustomize "$(dirname "$k")" >/dev/null
  done
}
export -f kustomize_all

{
  echo "# case tool wall_seconds max_rss_kib  (/usr/bin/time -v; ./flyte-infra synth --out <fresh dir>, then kubectl kustomize of what it wrote)"
  echo "# load before: $(uptime | sed 's/.*load average: //')"
} > "$out"
have_kubectl=$(command -v kubectl >/dev/null 2>&1 && echo yes || echo no)
for run in $(seq 1 "$runs"); do
  for case in sandbox binary-aws all; do
    dir="$scratch/$case-$run"
    if [ "$case" = all ]; then args=(); else args=(--config "$root/examples/$case.yaml"); fi
    echo "$case flyte-infra $(timed "$root/flyte-infra" synth ${args[@]+"${args[@]}"} --out "$dir")" >> "$out"
    if [ "$have_kubectl" = yes ]; then
      echo "$case kubectl-kustomize $(timed bash -c "kustomize_all '$dir'")" >> "$out"
    fi
    tail -n "$([ "$have_kubectl" = yes ] && echo 2 || echo 1)" "$out" | sed "s/^/cold start run $run: /" >&2
  done
done
echo "# load after: $(uptime | sed 's/.*load average: //')" >> "$out"
