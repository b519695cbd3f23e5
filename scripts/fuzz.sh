#!/usr/bin/env bash
# Runs every fuzz target of the module (every Fuzz* function that
# `go test -list` finds) for SECONDS each (default 20) on top of its seed
# corpus, and fails when one of them finds a failing input: a crash, a
# broken invariant, or a hang in a target that has a watchdog.
#
#   scripts/fuzz.sh        # 20 s per target
#   scripts/fuzz.sh 300    # a longer local session
#
# A failing input is written by go test to <package>/testdata/fuzz/<Target>/;
# the script prints that path and the command that replays it. Commit the file
# with the fix: it then runs as a regression test in every `go test`.
#
# go test -fuzz has no hang detection of its own: a target stuck on one input
# would just stop reporting execs. Targets guard against that with a
# watchdog that panics after a deadline (analyzer/fuzzwatch),
# which turns a hang into a failing input.
#
# Each new interesting input is minimised with at most FUZZ_MINIMIZE runs
# (default 100x) instead of go test's default of 60 seconds: with the
# default, the engine spent most of a short session minimising (progress
# lines stuck at "0/sec" for up to a minute, golang/go#51484) and found
# about a sixth of the new inputs. A failing input is minimised the same way.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-20}"
minimize="${FUZZ_MINIMIZE:-100x}"
case "$seconds" in '' | *[!0-9]*)
	echo "usage: scripts/fuzz.sh [SECONDS]" >&2
	exit 2
	;;
esac

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# `go test -list` prints a package's matching names, then its "ok" line.
if ! go test -list '^Fuzz' ./... >"$log" 2>&1; then
	cat "$log"
	echo "fuzz: cannot list the fuzz targets (a package does not build?)" >&2
	exit 1
fi
targets=()
names=()
while IFS= read -r line; do
	case "$line" in
	Fuzz*) names+=("$line") ;;
	ok*)
		pkg=$(echo "$line" | awk '{print $2}')
		for n in "${names[@]+"${names[@]}"}"; do targets+=("$pkg $n"); done
		names=()
		;;
	esac
done <"$log"

if [ "${#targets[@]}" -eq 0 ]; then
	echo "fuzz: no Fuzz* targets found" >&2
	exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds}s each"

failed=()
for t in "${targets[@]}"; do
	pkg=${t% *}
	name=${t#* }
	dir=$(go list -f '{{.Dir}}' "$pkg")
	echo "== $name ($pkg)"
	status=0
	go test -run '^$' -fuzz "^${name}\$" -fuzztime "${seconds}s" -fuzzminimizetime "$minimize" "$pkg" >"$log" 2>&1 || status=$?
	# Go before 1.27 can fail a run that found nothing with a bare "context
	# deadline exceeded" as -fuzztime ends (golang/go#75804): no failing
	# input, no failing seed. That is a pass with a warning.
	if [ "$status" -ne 0 ] && grep -q '^    context deadline exceeded$' "$log" &&
		! grep -q 'Failing input written to' "$log" && ! grep -q -- '--- FAIL: Fuzz[^ ]*/' "$log"; then
		echo "fuzz: warning: $name ended with Go's spurious \"context deadline exceeded\" (golang/go#75804), no failing input"
		status=0
	fi
	if [ "$status" -eq 0 ]; then
		tail -n 2 "$log"
	else
		cat "$log"
		if grep -q 'Failing input written to' "$log"; then
			input=$(sed -n 's/.*Failing input written to \(testdata\/fuzz\/[^ ]*\).*/\1/p' "$log" | head -n 1)
			echo "fuzz: $name FAILED; the input is in $dir/$input"
			echo "fuzz: replay it with: go test -run '^${name}/$(basename "$input")\$' $pkg"
		else
			echo "fuzz: $name FAILED (see the output above)"
		fi
		failed+=("$name")
	fi
done

if [ "${#failed[@]}" -gt 0 ]; then
	echo "fuzz: failed: ${failed[*]}"
	exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran ${seconds}s without a crash"
