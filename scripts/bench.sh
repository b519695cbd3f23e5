#!/bin/sh
# Reproducible fastaudit benchmark: audits a generated 200k-line FastAPI corpus
# (deterministic seed) and compares it with only parsing the same files with
# tree-sitter. Extra arguments go to the benchmark command, e.g.
#   scripts/bench.sh -count 5
#   scripts/bench.sh -lines 1000000 -modes parse,audit
set -eu
cd "$(dirname "$0")/.."

echo "## machine"
uname -a
echo "nproc: $(nproc 2>/dev/null || sysctl -n hw.ncpu)"
if [ -r /proc/cpuinfo ]; then
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
else
	echo "cpu: $(sysctl -n machdep.cpu.brand_string 2>/dev/null || echo unknown)"
fi
if [ -r /proc/meminfo ]; then
	echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
fi
go version
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo none)$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
echo
echo "## go run ./cmd/fastaudit-bench -lines 200000 -seed 1 -count 3 $*"
go run ./cmd/fastaudit-bench -lines 200000 -seed 1 -count 3 "$@"
