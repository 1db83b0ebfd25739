//! What serve mode adds to every HTML page: a small script that listens for rebuilds and reloads
//! the page, and shows a build error over the page while there is one. Built sites never carry it.

use crate::html::escape;

/// The URL path of the event stream.
pub const EVENTS: &str = "/__newsmirror/events";

const SCRIPT: &str = r#"<script>(function(){var s=new EventSource("/__newsmirror/events");function show(t){var o=document.getElementById("nm-build-error");if(!o){o=document.createElement("pre");o.id="nm-build-error";o.setAttribute("role","alert");o.style.cssText="position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;margin:0;padding:1em;background:#3b0a0a;color:#ffe4e4;font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap;z-index:2147483647";document.body.appendChild(o)}o.textContent=t}s.addEventListener("reload",function(){location.reload()});s.addEventListener("css",function(){var v=Date.now();document.querySelectorAll('link[rel="stylesheet"]').forEach(function(l){var u=new URL(l.href);u.searchParams.set("nm-v",v);l.href=u.href})});s.addEventListener("build-error",function(e){show(e.data)})})();</script>"#;

/// `html` with the live-reload script, and the error overlay when `error` is set, before `</body>`.
pub fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let overlay = error.map(|message| {
        format!(
            "<pre id=\"nm-build-error\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;margin:0;padding:1em;background:#3b0a0a;color:#ffe4e4;font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap;z-index:2147483647\">Build failed; showing the last good site.\n\n{}</pre>",
            escape(message)
        )
    });
    let addition = format!("{}{SCRIPT}", overlay.unwrap_or_default());
    let out = match text.rfind("</body>") {
        Some(at) => format!("{}{addition}{}", &text[..at], &text[at..]),
        None => format!("{text}{addition}"),
    };
    out.into_bytes()
}
