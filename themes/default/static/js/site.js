/* newsmirror default theme: progressive enhancements (ES2017, no dependencies). */
(() => {
  "use strict";

  const doc = document, root = doc.documentElement;
  const isFile = location.protocol === "file:";
  const all = (sel, ctx) => Array.from((ctx || doc).querySelectorAll(sel));
  const each = (sel, fn) => all(sel).forEach(fn);
  const onClick = (el, fn) => el.addEventListener("click", fn);
  const now = () => (window.performance ? performance.now() : Date.now());
  // localStorage may throw (file://, privacy modes).
  const load = (k) => { try { return localStorage.getItem(k); } catch (e) { return null; } };
  const save = (k, v) => { try { localStorage.setItem(k, v); } catch (e) { /* ignore */ } };

  // file:// does not map a folder to its index.html.
  const fileSafe = (href) => {
    try {
      const u = new URL(href, location.href);
      if (isFile && u.protocol === "file:" && u.pathname.endsWith("/")) u.pathname += "index.html";
      return u.href;
    } catch (e) { return href; }
  };

  function init() {
    initTheme();
    initFont();
    each(".print-button", (b) => onClick(b, () => window.print()));
    initCopy();
    const page = doc.getElementById("search-page");
    if (page) initSearch(page);
    else if (isFile) initFileSearchForms();
  }

  /* Theme */

  function initTheme() {
    const current = () => {
      const t = root.getAttribute("data-theme");
      if (t === "dark" || t === "light") return t;
      return window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
    };
    // The code palettes are scoped to [data-theme] in their stylesheets, so setting the
    // attribute switches everything. The button is a toggle named "Dark theme": pressed = dark.
    const apply = (theme) => {
      root.setAttribute("data-theme", theme);
      each(".theme-toggle", (b) => b.setAttribute("aria-pressed", String(theme === "dark")));
    };
    apply(current());
    each(".theme-toggle", (b) => onClick(b, () => {
      const next = current() === "dark" ? "light" : "dark";
      save("nm-theme", next);
      apply(next);
    }));
  }

  /* Font size */

  function initFont() {
    const MIN = -2, MAX = 4;
    const clamp = (n) => { n = parseInt(n, 10); return isNaN(n) ? 0 : Math.max(MIN, Math.min(MAX, n)); };
    const read = () => {
      const v = root.style.getPropertyValue("--font-step").trim();
      return clamp(v !== "" ? v : load("nm-font"));
    };
    // aria-disabled, not disabled: a disabled button would lose keyboard focus.
    const mark = (step) => {
      each(".font-smaller", (b) => b.setAttribute("aria-disabled", String(step <= MIN)));
      each(".font-larger", (b) => b.setAttribute("aria-disabled", String(step >= MAX)));
    };
    const change = (delta) => {
      const step = clamp(read() + delta);
      root.style.setProperty("--font-step", String(step));
      save("nm-font", String(step));
      mark(step);
    };
    mark(read());
    each(".font-smaller", (b) => onClick(b, () => change(-1)));
    each(".font-larger", (b) => onClick(b, () => change(1)));
  }

  /* Copy link and native share */

  function legacyCopy(text) {
    const ta = doc.createElement("textarea"), active = doc.activeElement;
    let ok = false;
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.setAttribute("aria-hidden", "true");
    ta.style.cssText = "position:fixed;top:0;left:-9999px;opacity:0";
    doc.body.appendChild(ta);
    ta.select();
    try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
    ta.remove();
    if (active && active.focus) active.focus();
    return ok;
  }

  function copyText(text) {
    const clip = navigator.clipboard;
    if (clip && typeof clip.writeText === "function") {
      try {
        return clip.writeText(text).then(() => true, () => legacyCopy(text));
      } catch (e) { /* fall back below */ }
    }
    return Promise.resolve(legacyCopy(text));
  }

  function initCopy() {
    const copy = (button, url) => {
      window.__nmLastCopied = url;
      button.removeAttribute("data-copy-failed");
      return copyText(url).then((ok) => {
        const notice = (button.closest(".article-tools") || doc).querySelector(".copy-notice");
        if (!ok) return button.setAttribute("data-copy-failed", "true");
        if (!notice) return;
        clearTimeout(notice.nmTimer);
        notice.hidden = false;
        notice.nmTimer = setTimeout(() => { notice.hidden = true; }, 2500);
      });
    };
    // In an offline bundle the address is relative to the page: copy it as a full file:// link.
    const absolute = (url) => { try { return new URL(url, location.href).href; } catch (e) { return url; } };
    each(".copy-link", (b) => onClick(b, () => copy(b, absolute(b.dataset.url || location.href))));
    if (typeof navigator.share !== "function") return;
    each(".native-share", (b) => {
      b.hidden = false;
      onClick(b, () => {
        const url = b.dataset.url || location.href;
        new Promise((resolve) => resolve(navigator.share({ title: b.dataset.title || doc.title, url })))
          .catch((err) => { if (!err || err.name !== "AbortError") copy(b, url); }); // failed: copy instead
      });
    });
  }

  /* Search */

  // From file://, a form submitting to ".../search/" would open a folder listing.
  function initFileSearchForms() {
    each("form.search-form", (f) => f.addEventListener("submit", (ev) => {
      const q = f.querySelector('input[name="q"]');
      if (!q) return;
      ev.preventDefault();
      const u = new URL(fileSafe(f.getAttribute("action") || "."));
      u.search = "?q=" + encodeURIComponent(q.value);
      location.href = u.href;
    }));
  }

  function initSearch(page) {
    const input = doc.getElementById("search-page-q");
    const out = doc.getElementById("search-results");
    if (!input || !out) return;
    const base = page.dataset.index || "./";
    const indexBase = new URL(base.endsWith("/") ? base : base + "/", location.href).href;
    const text = (name, fallback) => page.getAttribute(name) || fallback;

    // Must match the Rust side. \p{…} is ES2018: built at run time, approximated without it.
    let splitter;
    try { splitter = new RegExp("[^\\p{L}\\p{N}]+", "u"); } catch (e) {
      splitter = /[\s!-\/:-@[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+/;
    }
    const tokenize = (q) => Array.from(new Set(
      q.toLowerCase().split(splitter).filter((t) => Array.from(t).length >= 2)));
    const shardOf = (token) => {
      let h = 2166136261;
      for (const c of Array.from(token).slice(0, 2)) {
        h = (h ^ c.codePointAt(0)) >>> 0;
        h = Math.imul(h, 16777619) >>> 0;
      }
      return h % 64;
    };

    // The index is split into scripts (not fetched) so that file:// works too.
    const shards = {}, pending = {}, waiting = {};
    let docsPromise = null;
    window.NM_SEARCH_SHARD = (n, map) => {
      n = Number(n);
      shards[n] = { map: map || {}, keys: null };
      if (waiting[n]) waiting[n](shards[n]);
    };
    const addScript = (src, done) => {
      const s = doc.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = s.onerror = () => { s.remove(); done(); };
      (doc.head || root).appendChild(s);
    };
    const loadShard = (n) => {
      if (shards[n]) return Promise.resolve(shards[n]);
      return pending[n] || (pending[n] = new Promise((resolve) => {
        waiting[n] = resolve;
        addScript(indexBase + "t-" + String(n).padStart(2, "0") + ".js", () => {
          delete waiting[n];
          delete pending[n];
          resolve(shards[n] || { map: {}, keys: [] }); // missing: empty now, retried later
        });
      }));
    };
    const loadDocs = () => {
      if (Array.isArray(window.NM_SEARCH_DOCS)) return Promise.resolve(window.NM_SEARCH_DOCS);
      return docsPromise || (docsPromise = new Promise((resolve) => addScript(indexBase + "docs.js", () => {
        if (!Array.isArray(window.NM_SEARCH_DOCS)) docsPromise = null;
        resolve(window.NM_SEARCH_DOCS || []);
      })));
    };

    // Doc ids of the shard's terms that start with token (binary search in the sorted terms).
    const matchToken = (shard, token) => {
      const keys = shard.keys || (shard.keys = Object.keys(shard.map).sort());
      const ids = new Set();
      let lo = 0, hi = keys.length;
      while (lo < hi) { const mid = (lo + hi) >>> 1; if (keys[mid] < token) lo = mid + 1; else hi = mid; }
      for (let i = lo; i < keys.length && keys[i].startsWith(token); i++) {
        for (const id of shard.map[keys[i]]) ids.add(id);
      }
      return ids;
    };
    const titles = [];
    const find = (tokens, docs) => Promise.all(tokens.map((t) => loadShard(shardOf(t)))).then((loaded) => {
      const sets = tokens.map((t, i) => matchToken(loaded[i], t)).sort((a, b) => a.size - b.size);
      const hits = [];
      sets[0].forEach((id) => { if (docs[id] && sets.every((s) => s.has(id))) hits.push(id); });
      hits.sort((a, b) => a - b);
      const first = [], rest = [];
      hits.forEach((id) => {
        const t = titles[id] || (titles[id] = String(docs[id][1] || "").toLowerCase());
        (tokens.every((tok) => t.includes(tok)) ? first : rest).push(id);
      });
      return first.concat(rest);
    });

    // Rendering: createElement/textContent only.
    const el = (tag, cls, content) => {
      const e = doc.createElement(tag);
      if (cls) e.className = cls;
      if (content != null) e.textContent = content;
      return e;
    };
    const show = (node) => {
      out.textContent = "";
      if (node) out.appendChild(node);
    };
    const render = (ids, docs) => {
      if (!ids.length) return show(el("p", "search-none", text("data-none", "No results")));
      const frag = doc.createDocumentFragment(), ol = el("ol", "search-results");
      frag.appendChild(el("p", "search-count", text("data-count", "{n} results").replace(/\{n\}/g, ids.length)));
      for (const id of ids.slice(0, 50)) {
        const d = docs[id], li = el("li"), a = el("a", null, String(d[1] || d[0]));
        a.setAttribute("href", fileSafe(new URL(String(d[0]), indexBase).href));
        li.appendChild(a);
        const meta = [d[2], d[3]].filter(Boolean).join(" · ");
        if (meta) li.append(" ", el("span", "meta", meta));
        if (d[4]) li.appendChild(el("p", "summary", String(d[4])));
        ol.appendChild(li);
      }
      frag.appendChild(ol);
      show(frag);
    };
    const remember = (q) => {
      try {
        const u = new URL(location.href);
        if (q) u.searchParams.set("q", q); else u.searchParams.delete("q");
        if (u.href !== location.href) history.replaceState(history.state, "", u.href);
      } catch (e) { /* some browsers refuse this on file:// */ }
    };

    let seq = 0, timer = 0;
    const search = (query) => {
      const started = now(), mine = ++seq;
      const done = (count) => {
        out.removeAttribute("aria-busy");
        window.__nmSearchDone = { query, count, ms: now() - started };
      };
      clearTimeout(timer);
      remember(query.trim());
      if (!query.trim()) return show(null);
      const tokens = tokenize(query);
      if (!tokens.length) {
        show(el("p", "search-short", text("data-short", "")));
        return done(0);
      }
      out.setAttribute("aria-busy", "true");
      loadDocs()
        .then((docs) => find(tokens, docs).then((ids) => {
          if (mine === seq) { render(ids, docs); done(ids.length); }
        }))
        .catch(() => {
          if (mine === seq) { render([], []); done(0); }
        });
    };

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => search(input.value), 150);
    });
    // Here the page's own form and the header form both search in place.
    for (const f of all("form")) {
      const q = f.querySelector('input[name="q"]');
      if (!q || (f !== input.form && !f.classList.contains("search-form"))) continue;
      f.addEventListener("submit", (ev) => {
        ev.preventDefault();
        input.value = q.value;
        search(input.value);
      });
    }

    const initial = new URLSearchParams(location.search).get("q");
    if (initial) input.value = initial;
    if (input.value) search(input.value); // from ?q= or restored by the browser
    else loadDocs(); // warm up so the first typed query is fast
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();
