#!/usr/bin/env python3
"""Make page-text dumps (what a browser copies when a whole page is selected) from saved HTML
pages, with headless Chromium's document.body.innerText, plus the ground truth for scoring them.

    python3 scripts/textdump/make_dumps.py [--tool chromium|w3m|lynx] CORPUS OUT_DIR ID [ID ...]

`--tool w3m` and `--tool lynx` make the text the way those text browsers print a page
(`w3m -dump`, `lynx -dump`: wrapped at 80 columns, with bullets and, from lynx, numbered links
and their list of addresses), the other kind of plain-text dump people keep.

CORPUS has html/<id>.html.gz and ground-truth.json (layout of shared/corpus/wcxb-dev-articles).
Writes OUT_DIR/<id>.txt and OUT_DIR/ground-truth.json (articleBody, title, date, url of those ids).
The page's own scripts are left in (they cannot reach the network); ours runs last, after load.
"""
import gzip
import html
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

GRAB = """<script>window.addEventListener('load', function () {
  var text = document.body ? document.body.innerText : '';
  var pre = document.createElement('pre'); pre.id = 'nm-dump'; pre.textContent = text;
  document.documentElement.innerHTML = ''; document.documentElement.appendChild(pre);
});</script>"""


def inner_text(page: bytes) -> str:
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        path = Path(tmp) / "page.html"
        path.write_bytes(page + GRAB.encode())
        out = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp}/profile", "--virtual-time-budget=3000", "--dump-dom",
             path.as_uri()],
            capture_output=True, timeout=60, check=False)
    dom = out.stdout.decode("utf-8", "replace")
    m = re.search(r'<pre id="nm-dump">(.*?)</pre>', dom, re.S)
    if not m:
        raise RuntimeError("no innerText captured: " + out.stderr.decode()[-300:])
    return html.unescape(m.group(1))


def text_browser_dump(tool: str, page: bytes) -> str:
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        path = Path(tmp) / "page.html"
        path.write_bytes(page)
        cmd = {
            "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", str(path)],
            "lynx": ["lynx", "-dump", "-display_charset=utf-8", "-assume_charset=utf-8", str(path)],
        }[tool]
        out = subprocess.run(cmd, capture_output=True, timeout=60, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"{tool} failed: " + out.stderr.decode()[-300:])
    return out.stdout.decode("utf-8", "replace")


def main() -> None:
    args = sys.argv[1:]
    tool = "chromium"
    if args[:1] == ["--tool"]:
        tool, args = args[1], args[2:]
    corpus, out, ids = Path(args[0]), Path(args[1]), args[2:]
    truth = json.loads((corpus / "ground-truth.json").read_text())
    out.mkdir(parents=True, exist_ok=True)
    chosen = {}
    for page_id in ids:
        try:
            page = gzip.decompress((corpus / "html" / f"{page_id}.html.gz").read_bytes())
            text = inner_text(page) if tool == "chromium" else text_browser_dump(tool, page)
        except (RuntimeError, subprocess.TimeoutExpired) as err:
            # A page whose own scripts replace the document gives no text; the rest go on.
            print(f"{page_id}: skipped: {str(err)[:120]}", file=sys.stderr)
            continue
        (out / f"{page_id}.txt").write_text(text)
        entry = truth[page_id]
        chosen[page_id] = {k: entry[k] for k in ("articleBody", "title", "date", "url") if k in entry}
        print(f"{page_id}: {len(text.splitlines())} lines")
    (out / "ground-truth.json").write_text(json.dumps(chosen, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
