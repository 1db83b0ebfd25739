#!/usr/bin/env bash
# Load on the preview server: wrk (Debian package `wrk`) for 30 s against an article page and a
# static asset of the benchmark corpus. Prints wrk's report for each; a run with errors (non-2xx
# answers or socket errors) fails.
#
#   bash benches/serve_load.sh [ARTICLES] [SECONDS]     # defaults: 10000 articles, 30 s
set -euo pipefail
articles=${1:-10000}
seconds=${2:-30}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=/dev/shm/newsmirror-bench
[ -d /dev/shm ] || work=/tmp/newsmirror-bench
corpus=$work/corpus-$articles
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
if [ ! -d "$corpus/content" ]; then
  python3 "$repo/../shared/bench/gen_corpus.py" "$articles" "$corpus" >/dev/null
fi
(cd "$repo" && cargo build --release --quiet)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$repo/target/release/newsmirror" serve --root "$corpus" --port "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
until curl -fs "http://127.0.0.1:$port/" >/dev/null; do sleep 0.2; done
article=$(find "$corpus/content" -name '*.md' | sort | sed -n 1p)
section=$(basename "$(dirname "$article")")
slug=$(basename "$article" .md)
status=0
for path in "/$section/$slug/" "/css/site.css"; do
  echo "== GET $path for ${seconds}s (2 threads, 64 connections)"
  out=$(wrk -t2 -c64 -d"${seconds}s" --latency "http://127.0.0.1:$port$path")
  echo "$out"
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then status=1; fi
done
exit $status
