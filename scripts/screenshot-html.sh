#!/usr/bin/env bash
# Renders the HTML reports of the fixture batch (testdata/score/batch.jsonl,
# grouped by model) and of `fastaudit check examples/agent-app`, and
# screenshots them with headless Chromium into docs/html-report-batch.png and
# docs/html-report-check.png (or OUT_DIR). The HTML files are kept next to
# them only with KEEP_HTML=1.
#
# Needs Go and Chromium (Debian: apt-get install -y chromium; installed here
# when missing and running as root). Chromium is started with networking
# features off: the pages load nothing anyway.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT_DIR:-$repo/docs}
width=${WIDTH:-1280}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$repo"
mkdir -p "$out"

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
		chromium=$(command -v chromium)
	else
		echo "screenshot-html: chromium not found (Debian: apt-get install -y chromium)" >&2
		exit 2
	fi
fi

go build -o "$work/fastaudit" ./cmd/fastaudit

# The check report: exit status 1 only says there are findings.
status=0
"$work/fastaudit" check --format html -o "$work/check.html" examples/agent-app || status=$?
if [ "$status" -gt 1 ]; then
	echo "screenshot-html: fastaudit check failed ($status)" >&2
	exit "$status"
fi

# The batch report: the summary of `score --batch` in the html format; until
# the CLI has it, the same call to report.WriteBatchHTML from a throwaway
# program.
if ! "$work/fastaudit" score --batch testdata/score/batch.jsonl --group-by model \
	--format html --summary "$work/batch.html" -o /dev/null 2>"$work/score.err"; then
	if ! grep -q 'unknown --format' "$work/score.err"; then
		cat "$work/score.err" >&2
		exit 2
	fi
	mkdir "$work/batchhtml"
	cat >"$work/batchhtml/main.go" <<'EOF'
package main

import (
	"context"
	"os"

	"github.com/fastaudit/fastaudit/analyzer/config"
	"github.com/fastaudit/fastaudit/analyzer/score"
	"github.com/fastaudit/fastaudit/report"
	"github.com/fastaudit/fastaudit/rules"
)

// main writes the batch HTML report of the JSONL file os.Args[1], grouped by
// os.Args[3], to os.Args[2], as `fastaudit score --batch` scores it.
func main() {
	in, err := os.Open(os.Args[1])
	check(err)
	enabled, err := rules.Select(nil, nil)
	check(err)
	var samples []score.SampleResult
	opts := score.BatchOptions{Rules: enabled, Config: config.Default(), Collectors: rules.Collectors(), GroupBy: os.Args[3]}
	agg, err := score.RunBatch(context.Background(), score.ReadJSONL(in), opts, func(r *score.SampleResult) error {
		samples = append(samples, *r)
		return nil
	})
	check(err)
	f, err := os.Create(os.Args[2])
	check(err)
	check(report.WriteBatchHTML(f, agg, samples, enabled, report.Options{Version: os.Args[4], RuleHelpURI: rules.HelpURI}))
	check(f.Close())
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
EOF
	version=$("$work/fastaudit" version 2>/dev/null | awk '{print $NF}' || true)
	go run "$work/batchhtml/main.go" testdata/score/batch.jsonl "$work/batch.html" model "${version:-dev}"
fi

# shot PAGE PNG HEIGHT
shot() {
	"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-default-apps --hide-scrollbars --force-device-scale-factor=1 \
		--user-data-dir="$work/profile-$(basename "$2" .png)" \
		--screenshot="$2" --window-size="$width,$3" "file://$1" >/dev/null 2>&1
	test -s "$2"
	echo "$2 ($(wc -c <"$2") bytes)"
}
shot "$work/check.html" "$out/html-report-check.png" "${CHECK_HEIGHT:-2000}"
shot "$work/batch.html" "$out/html-report-batch.png" "${BATCH_HEIGHT:-2200}"

if [ "${KEEP_HTML:-}" = 1 ]; then
	cp "$work/check.html" "$out/html-report-check.html"
	cp "$work/batch.html" "$out/html-report-batch.html"
fi
