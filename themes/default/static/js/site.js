/* newsmirror default theme: progressive enhancements. No dependencies. */
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;
  var isFile = location.protocol === "file:";

  function $(sel, ctx) { return (ctx || doc).querySelector(sel); }
  function $$(sel, ctx) { return Array.prototype.slice.call((ctx || doc).querySelectorAll(sel)); }
  function on(el, type, fn) { if (el) el.addEventListener(type, fn); }
  function now() { return window.performance && performance.now ? performance.now() : Date.now(); }

  // localStorage can throw (file://, privacy modes, quota): never let it break the page.
  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* ignore */ }
  }

  // file:// does not map a folder to its index.html; add it so links and forms still work.
  function fileSafe(href) {
    if (!isFile) return href;
    try {
      var u = new URL(href, location.href);
      if (u.protocol === "file:" && /\/$/.test(u.pathname)) u.pathname += "index.html";
      return u.href;
    } catch (e) { return href; }
  }

  /* ---- Theme ---------------------------------------------------------- */

  var darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function systemTheme() { return darkQuery && darkQuery.matches ? "dark" : "light"; }

  function currentTheme() {
    var t = root.getAttribute("data-theme");
    return t === "dark" || t === "light" ? t : systemTheme();
  }

  // Syntax stylesheets are linked with media="(prefers-color-scheme: …)"; make them follow
  // the chosen theme instead of the system setting.
  var schemeLinks = $$('link[rel~="stylesheet"][media]').filter(function (l) {
    var m = /prefers-color-scheme:\s*(light|dark)/.exec(l.media);
    if (m) l.setAttribute("data-scheme", m[1]);
    return !!m;
  });

  function applyTheme(theme) {
    root.setAttribute("data-theme", theme);
    schemeLinks.forEach(function (l) {
      l.media = l.getAttribute("data-scheme") === theme ? "all" : "not all";
    });
    $$(".theme-toggle").forEach(function (b) {
      var dark = theme === "dark";
      b.setAttribute("aria-pressed", dark ? "true" : "false");
      // The text names the theme the button switches TO.
      var label = b.getAttribute(dark ? "data-label-light" : "data-label-dark");
      if (label) b.textContent = label;
    });
  }

  applyTheme(currentTheme());

  $$(".theme-toggle").forEach(function (b) {
    on(b, "click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      save("nm-theme", next);
      applyTheme(next);
    });
  });

  // Without a stored choice, keep following the system setting when it changes.
  if (darkQuery) {
    var follow = function () {
      var stored = load("nm-theme");
      if (stored !== "light" && stored !== "dark") applyTheme(systemTheme());
    };
    if (darkQuery.addEventListener) darkQuery.addEventListener("change", follow);
    else if (darkQuery.addListener) darkQuery.addListener(follow);
  }

  /* ---- Font size ------------------------------------------------------ */

  var FONT_MIN = -2, FONT_MAX = 4;

  function clampStep(n) {
    n = parseInt(n, 10);
    if (isNaN(n)) return 0;
    return Math.max(FONT_MIN, Math.min(FONT_MAX, n));
  }

  function readStep() {
    var v = root.style.getPropertyValue("--font-step").trim();
    return clampStep(v !== "" ? v : load("nm-font"));
  }

  function setStep(step) {
    step = clampStep(step);
    root.style.setProperty("--font-step", String(step));
    save("nm-font", String(step));
    updateFontButtons(step);
  }

  function updateFontButtons(step) {
    // aria-disabled rather than disabled: a disabled button would drop keyboard focus.
    $$(".font-smaller").forEach(function (b) { b.setAttribute("aria-disabled", step <= FONT_MIN ? "true" : "false"); });
    $$(".font-larger").forEach(function (b) { b.setAttribute("aria-disabled", step >= FONT_MAX ? "true" : "false"); });
  }

  if ($(".font-smaller, .font-larger")) updateFontButtons(readStep());
  $$(".font-smaller").forEach(function (b) { on(b, "click", function () { setStep(readStep() - 1); }); });
  $$(".font-larger").forEach(function (b) { on(b, "click", function () { setStep(readStep() + 1); }); });

  /* ---- Print ---------------------------------------------------------- */

  $$(".print-button").forEach(function (b) {
    on(b, "click", function () { window.print(); });
  });

  /* ---- Copy link ------------------------------------------------------ */

  function legacyCopy(text) {
    var ta = doc.createElement("textarea");
    var active = doc.activeElement;
    var sel = doc.getSelection ? doc.getSelection() : null;
    var range = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
    var ok = false;
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.setAttribute("aria-hidden", "true");
    ta.style.cssText = "position:fixed;top:0;left:-9999px;width:1px;height:1px;opacity:0";
    doc.body.appendChild(ta);
    ta.select();
    try { ta.setSelectionRange(0, text.length); } catch (e) { /* ignore */ }
    try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
    doc.body.removeChild(ta);
    if (sel && range) { sel.removeAllRanges(); sel.addRange(range); }
    if (active && active.focus) active.focus();
    return ok;
  }

  function copyText(text) {
    var clip = navigator.clipboard;
    if (clip && typeof clip.writeText === "function") {
      try {
        return clip.writeText(text).then(function () { return true; }, function () { return legacyCopy(text); });
      } catch (e) { /* fall through */ }
    }
    return Promise.resolve(legacyCopy(text));
  }

  var noticeTimers = [];

  function showNotice(notice) {
    if (!notice) return;
    var i = noticeTimers.length;
    while (i--) if (noticeTimers[i].el === notice) { clearTimeout(noticeTimers[i].id); noticeTimers.splice(i, 1); }
    notice.hidden = false;
    noticeTimers.push({ el: notice, id: setTimeout(function () { notice.hidden = true; }, 2500) });
  }

  function noticeFor(button) {
    var box = button.closest ? button.closest(".article-tools") : null;
    return $(".copy-notice", box || doc);
  }

  function copyLink(button, url) {
    window.__nmLastCopied = url;
    return copyText(url).then(function (ok) {
      window.__nmLastCopied = url;
      if (ok) showNotice(noticeFor(button));
      else button.setAttribute("data-copy-failed", "true");
      return ok;
    });
  }

  $$(".copy-link").forEach(function (b) {
    on(b, "click", function () {
      b.removeAttribute("data-copy-failed");
      copyLink(b, b.getAttribute("data-url") || location.href);
    });
  });

  /* ---- Native share --------------------------------------------------- */

  if (typeof navigator.share === "function") {
    $$(".native-share").forEach(function (b) {
      b.hidden = false;
      on(b, "click", function () {
        var url = b.getAttribute("data-url") || location.href;
        var title = b.getAttribute("data-title") || doc.title;
        var p;
        try { p = navigator.share({ title: title, url: url }); } catch (e) { p = Promise.reject(e); }
        Promise.resolve(p).catch(function (err) {
          if (err && err.name === "AbortError") return;
          copyLink(b, url); // sharing unavailable after all: copy instead
        });
      });
    });
  }

  /* ---- Search form on other pages (file:// needs index.html) ---------- */

  var searchPage = doc.getElementById("search-page");

  if (isFile && !searchPage) {
    $$("form.search-form").forEach(function (f) {
      on(f, "submit", function (ev) {
        var input = f.querySelector('input[name="q"]');
        if (!input) return;
        ev.preventDefault();
        var u = new URL(fileSafe(f.getAttribute("action") || "."), location.href);
        u.search = "?q=" + encodeURIComponent(input.value);
        location.href = u.href;
      });
    });
  }

  /* ---- Search page ---------------------------------------------------- */

  if (searchPage) initSearch(searchPage);

  function initSearch(page) {
    var input = doc.getElementById("search-page-q");
    var out = doc.getElementById("search-results");
    if (!input || !out) return;

    var base = page.getAttribute("data-index") || "./";
    if (!/\/$/.test(base)) base += "/";
    var indexBase = new URL(base, location.href).href;
    var MAX_SHOWN = 50;

    // Tokenising must match the Rust side. \p{…} is ES2018, so build the regex at run time
    // and fall back to an approximation on engines without it.
    var splitter;
    try { splitter = new RegExp("[^\\p{L}\\p{N}]+", "u"); } catch (e) {
      splitter = /[\s!-\/:-@\[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f\ufe10-\ufe6f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/;
    }

    function tokenize(q) {
      var seen = Object.create(null), out = [];
      q.toLowerCase().split(splitter).forEach(function (t) {
        if (Array.from(t).length >= 2 && !seen[t]) { seen[t] = 1; out.push(t); }
      });
      return out;
    }

    function shardOf(token) {
      var cps = Array.from(token).slice(0, 2), h = 2166136261;
      for (var i = 0; i < cps.length; i++) {
        h = (h ^ cps[i].codePointAt(0)) >>> 0;
        h = Math.imul(h, 16777619) >>> 0;
      }
      return h % 64;
    }

    // --- loading index files through <script> (works from file://) ---
    var shards = Object.create(null);   // n -> {map, keys}
    var pending = Object.create(null);  // n -> Promise
    var waiting = Object.create(null);  // n -> resolve

    window.NM_SEARCH_SHARD = function (n, map) {
      n = Number(n);
      shards[n] = { map: map || {}, keys: null };
      if (waiting[n]) { waiting[n](shards[n]); delete waiting[n]; }
    };

    function addScript(src, done) {
      var s = doc.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = function () { s.parentNode && s.parentNode.removeChild(s); done(true); };
      s.onerror = function () { s.parentNode && s.parentNode.removeChild(s); done(false); };
      (doc.head || root).appendChild(s);
    }

    function loadShard(n) {
      if (shards[n]) return Promise.resolve(shards[n]);
      if (pending[n]) return pending[n];
      pending[n] = new Promise(function (resolve) {
        waiting[n] = resolve;
        addScript(indexBase + "t-" + (n < 10 ? "0" : "") + n + ".js", function (ok) {
          delete waiting[n];
          delete pending[n];
          // A missing or broken shard counts as empty for this query; a later query retries.
          resolve(shards[n] || { map: {}, keys: [] });
        });
      });
      return pending[n];
    }

    var docsPromise = null;
    function loadDocs() {
      if (Array.isArray(window.NM_SEARCH_DOCS)) return Promise.resolve(window.NM_SEARCH_DOCS);
      if (!docsPromise) {
        docsPromise = new Promise(function (resolve) {
          addScript(indexBase + "docs.js", function (ok) {
            var d = window.NM_SEARCH_DOCS;
            if (!Array.isArray(d)) { docsPromise = null; d = []; }
            resolve(d);
          });
        });
      }
      return docsPromise;
    }

    // --- matching ---
    function sortedKeys(shard) {
      if (!shard.keys) shard.keys = Object.keys(shard.map).sort();
      return shard.keys;
    }

    // Union of doc ids of every term in the shard that starts with the token.
    function matchToken(shard, token) {
      var keys = sortedKeys(shard), lo = 0, hi = keys.length, ids = new Set();
      while (lo < hi) { var mid = (lo + hi) >>> 1; if (keys[mid] < token) lo = mid + 1; else hi = mid; }
      for (var i = lo; i < keys.length && keys[i].lastIndexOf(token, 0) === 0; i++) {
        var list = shard.map[keys[i]];
        for (var j = 0; j < list.length; j++) ids.add(list[j]);
      }
      return ids;
    }

    var lowerTitles = [];
    function titleHasAll(docs, id, tokens) {
      var t = lowerTitles[id];
      if (t === undefined) t = lowerTitles[id] = String((docs[id] && docs[id][1]) || "").toLowerCase();
      for (var i = 0; i < tokens.length; i++) if (t.indexOf(tokens[i]) < 0) return false;
      return true;
    }

    function find(tokens, docs) {
      return Promise.all(tokens.map(function (t) { return loadShard(shardOf(t)); })).then(function (list) {
        var sets = tokens.map(function (t, i) { return matchToken(list[i], t); });
        sets.sort(function (a, b) { return a.size - b.size; });
        var hits = [];
        sets[0].forEach(function (id) {
          for (var k = 1; k < sets.length; k++) if (!sets[k].has(id)) return;
          if (docs[id]) hits.push(id);
        });
        var inTitle = [], rest = [];
        hits.sort(function (a, b) { return a - b; }).forEach(function (id) {
          (titleHasAll(docs, id, tokens) ? inTitle : rest).push(id);
        });
        return inTitle.concat(rest);
      });
    }

    // --- rendering (textContent only) ---
    function el(tag, cls, text) {
      var e = doc.createElement(tag);
      if (cls) e.className = cls;
      if (text != null) e.textContent = text;
      return e;
    }

    function message(cls, text) {
      out.textContent = "";
      if (text) out.appendChild(el("p", cls, text));
    }

    function render(ids, docs) {
      var frag = doc.createDocumentFragment();
      if (!ids.length) {
        frag.appendChild(el("p", "search-none", page.getAttribute("data-none") || "No results"));
      } else {
        var countText = (page.getAttribute("data-count") || "{n} results").replace(/\{n\}/g, String(ids.length));
        frag.appendChild(el("p", "search-count", countText));
        var ol = el("ol", "search-results");
        ids.slice(0, MAX_SHOWN).forEach(function (id) {
          var d = docs[id], li = el("li");
          var a = el("a", null, String(d[1] || d[0] || ""));
          var href;
          try { href = new URL(String(d[0] || ""), indexBase).href; } catch (e) { href = String(d[0] || ""); }
          a.href = fileSafe(href);
          li.appendChild(a);
          var meta = [d[2], d[3]].filter(function (x) { return x; }).join(" · ");
          if (meta) { li.appendChild(doc.createTextNode(" ")); li.appendChild(el("span", "meta", meta)); }
          if (d[4]) li.appendChild(el("p", "summary", String(d[4])));
          ol.appendChild(li);
        });
        frag.appendChild(ol);
      }
      out.textContent = "";
      out.appendChild(frag);
    }

    function remember(q) {
      try {
        var u = new URL(location.href);
        if (q) u.searchParams.set("q", q); else u.searchParams.delete("q");
        if (u.href !== location.href) history.replaceState(history.state, "", u.href);
      } catch (e) { /* file:// or old browser: ignore */ }
    }

    var seq = 0;
    function search(query) {
      var started = now(), mine = ++seq;
      clearTimeout(timer);
      remember(query.trim());
      if (!query.trim()) { message(null, ""); return Promise.resolve(); }
      var tokens = tokenize(query);
      if (!tokens.length) {
        message("search-short", page.getAttribute("data-short") || "");
        window.__nmSearchDone = { query: query, count: 0, ms: now() - started };
        return Promise.resolve();
      }
      out.setAttribute("aria-busy", "true");
      return loadDocs().then(function (docs) {
        return find(tokens, docs).then(function (ids) {
          if (mine !== seq) return;
          render(ids, docs);
          out.removeAttribute("aria-busy");
          window.__nmSearchDone = { query: query, count: ids.length, ms: now() - started };
        });
      }).catch(function () {
        if (mine !== seq) return;
        out.removeAttribute("aria-busy");
        message("search-none", page.getAttribute("data-none") || "");
        window.__nmSearchDone = { query: query, count: 0, ms: now() - started };
      });
    }

    var timer = 0;
    on(input, "input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(input.value); }, 150);
    });

    // Every search form on this page (the page's own and the header's) searches in place.
    $$("form").forEach(function (f) {
      var q = f.querySelector('input[name="q"]');
      if (!q || (f !== input.form && !f.classList.contains("search-form"))) return;
      on(f, "submit", function (ev) {
        ev.preventDefault();
        if (q !== input) input.value = q.value;
        search(input.value);
      });
    });

    var initial = null;
    try { initial = new URLSearchParams(location.search).get("q"); } catch (e) { /* ignore */ }
    if (initial) {
      input.value = initial;
      search(initial);
    } else if (input.value) {
      search(input.value); // restored by the browser on back/forward
    }
  }
})();
