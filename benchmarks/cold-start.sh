#!/usr/bin/env bash
# Cold start: `./flyte-infra synth` of every example as one process (CLI start, all Kubernetes
# manifests, the AWS CDK templates and the Pulumi plans), RUNS times (default 5), each into a fresh
# folder. Writes "<wall seconds> <max RSS KiB>" per run, as /usr/bin/time -v reports them, to
# benchmarks/target/cold-start.tsv; RunBenchmarks reports the medians.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
out="$root/benchmarks/target/cold-start.tsv"
mkdir -p "$(dirname "$out")"
"$root/flyte-infra" --version >/dev/null   # builds the CLI jar first if it is stale: not part of the measurement
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
echo "# wall_seconds max_rss_kib  (./flyte-infra synth --out <fresh dir>, /usr/bin/time -v)" > "$out"
for run in $(seq 1 "$runs"); do
  /usr/bin/time -v -o "$scratch/time.txt" "$root/flyte-infra" synth --out "$scratch/out-$run" >/dev/null
  awk -F': ' '
    /Elapsed \(wall clock\) time/ { n = split($2, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /Maximum resident set size/   { rss = $2 }
    END { printf "%.2f %d\n", wall, rss }' "$scratch/time.txt" >> "$out"
  tail -1 "$out" | sed "s/^/cold start run $run: wall s, max RSS KiB: /" >&2
done
