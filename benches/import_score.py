#!/usr/bin/env python3
"""Re-measure the article extractor: extract every page of a corpus, score it, print pages/s.

Builds and runs `examples/extract_corpus.rs` (release, one thread) over CORPUS/html/*.html.gz,
writes OUT/<id>.md, then runs ../shared/corpus/score_extraction.py on the result.

    python3 benches/import_score.py                      # the three dev corpora, both profiles
    python3 benches/import_score.py --corpus DIR [--fields-only] [--worst N] [--no-url]
                                    [--profile reader|text|no-alt]

Profiles: `reader` is what `newsmirror import` writes (image alt text and captions kept);
`text` leaves them out, the convention of the benchmarks' ground truth; `no-alt` leaves out
only the alt text, to show what it costs.

Reads the corpora under ../shared/corpus (skips cleanly when it is absent).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
if not SHARED.is_dir():
    SHARED = Path("/work/shared/corpus")
DEFAULTS = [("extraction-dev", False), ("wcxb-dev-articles", False), ("dates-dev", True)]


def wait_quiet():
    while os.path.exists("/tmp/newsmirror-quiet"):
        time.sleep(5)


def build():
    wait_quiet()
    subprocess.run(["cargo", "build", "--release", "--example", "extract_corpus"],
                   cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "examples" / "extract_corpus"


def run(binary, corpus, fields_only, worst, no_url, profile):
    out = Path(tempfile.mkdtemp(prefix="extract-" + corpus.name + "-"))
    wait_quiet()
    cmd = [str(binary), str(corpus), str(out)] + (["--no-url"] if no_url else [])
    if profile == "text":
        cmd.append("--text-only")
    elif profile == "no-alt":
        cmd.append("--no-alt")
    speed = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()
    score = [sys.executable, str(SHARED / "score_extraction.py"), str(out), "--corpus", str(corpus)]
    if fields_only:
        score.append("--fields-only")
    if worst:
        score += ["--worst", str(worst)]
    print(f"== {corpus.name}  profile={profile}  ({out})")
    print(speed)
    sys.stdout.flush()
    subprocess.run(score, check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--fields-only", action="store_true")
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("--no-url", action="store_true", help="do not give the page URL to the extractor")
    ap.add_argument("--profile", choices=["reader", "text", "no-alt"], help="default: both (fields once)")
    args = ap.parse_args()
    if not SHARED.is_dir():
        print("corpora not found (../shared/corpus): nothing to measure")
        return
    binary = build()
    jobs = [(args.corpus, args.fields_only)] if args.corpus else [(SHARED / c, f) for c, f in DEFAULTS]
    for corpus, fields_only in jobs:
        profiles = [args.profile] if args.profile else (["reader"] if fields_only else ["text", "reader"])
        for profile in profiles:
            run(binary, corpus, fields_only, args.worst, args.no_url, profile)


if __name__ == "__main__":
    main()
