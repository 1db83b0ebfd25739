#!/usr/bin/env bash
# Scores the page-text-dump importer: imports every DIR/<id>.txt into a scratch site (with the
# original's URL from DIR/ground-truth.json as --source-url, since dumps rarely contain it),
# collects the articles as OUT/<id>.md and scores them with shared/corpus/score_extraction.py
# (body F1 plus title/date accuracy).
#
#   scripts/textdump/score_dumps.sh [DIR] [NEWSMIRROR_BINARY]
#
# DIR defaults to tests/fixtures/import/dumps; the binary to target/release/newsmirror (built
# with the shared target dir if CARGO_TARGET_DIR is set). Needs ../shared/corpus.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
dir="${1:-$here/tests/fixtures/import/dumps}"
bin="${2:-${CARGO_TARGET_DIR:-$here/target}/release/newsmirror}"
scorer="$here/../shared/corpus/score_extraction.py"
[ -f "$scorer" ] || scorer="/work/shared/corpus/score_extraction.py"
[ -f "$scorer" ] || { echo "score_extraction.py not found (needs ../shared/corpus)"; exit 2; }
[ -x "$bin" ] || (cd "$here" && cargo build --release --quiet)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mkdir -p "$work/out"
for dump in "$dir"/*.txt; do
  id="$(basename "$dump" .txt)"
  site="$work/site-$id"; mkdir -p "$site/content"
  url="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]["url"])' "$dir/ground-truth.json" "$id")"
  if "$bin" import --root "$site" --source-url "$url" "$dump" >/dev/null 2>"$work/err"; then
    find "$site/content" -name '*.md' -exec cp {} "$work/out/$id.md" \;
  else
    echo "$id: import failed: $(tr '\n' ' ' <"$work/err")"
  fi
done
python3 "$scorer" "$work/out" --corpus "$dir/ground-truth.json" --worst 6
