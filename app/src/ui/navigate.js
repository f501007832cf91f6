// Kernpunt's page navigation. Pages are rendered on the server and work without any
// script; this one only makes moving between them quicker: a link or a form fetches the
// next page and swaps its <body> in, so the loaded WASM (the page's islands) stays and no
// full reload happens. It steps aside (the browser does its own thing) whenever it is not
// sure: other sites, files, new tabs, uploads, and when the app's own files failed to load.
// After a swap it hydrates the new islands and announces "kernpunt:page" for the small
// page scripts (such as the coordinators' place picker).

const FILE = /\.(csv|ics|json|pdf|xlsx?|docx?|pptx?|odt|ods|zip|png|jpe?g|gif|svg|txt|md)$/i;
let navigation = 0;
// Set when the islands' module could not load (a deploy removed it, or the network
// failed): from then on every link and form is a plain page load.
let broken = false;
let shown = location.pathname + location.search;

history.scrollRestoration = "manual";

function ours(url) {
  return (
    url.origin === location.origin &&
    !url.pathname.startsWith("/pkg/") &&
    !url.pathname.startsWith("/js/") &&
    !FILE.test(url.pathname)
  );
}

document.addEventListener("click", (ev) => {
  if (broken || ev.defaultPrevented || ev.button !== 0) return;
  if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  const a = ev.target instanceof Element ? ev.target.closest("a[href]") : null;
  if (!a || a.getAttribute("target") || a.hasAttribute("download")) return;
  if ((a.getAttribute("rel") || "").split(/\s+/).includes("external")) return;
  const url = new URL(a.getAttribute("href"), location.href);
  if (!ours(url) || url.pathname.startsWith("/api/")) return;
  // A jump within this page is the browser's.
  if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
  ev.preventDefault();
  go(request(url), { push: true, hash: url.hash, focusMain: true });
});

document.addEventListener("submit", (ev) => {
  if (broken || ev.defaultPrevented) return;
  const form = ev.target;
  const submitter = ev.submitter;
  const attr = (name, formName) => submitter?.getAttribute(formName) || form.getAttribute(name);
  const method = (attr("method", "formmethod") || "get").toLowerCase();
  const action = new URL(attr("action", "formaction") || location.href, location.href);
  const enctype = attr("enctype", "formenctype") || "";
  if (attr("target", "formtarget") || enctype.toLowerCase() === "multipart/form-data") return;
  if (!ours(action) || (method !== "get" && method !== "post")) return;
  if (form.dataset.sending) {
    // Sent already: a second click must not post twice.
    ev.preventDefault();
    return;
  }
  const data = new FormData(form, submitter);
  const fields = new URLSearchParams();
  for (const [name, value] of data) {
    if (typeof value !== "string") return; // a file: the browser sends it
    // Empty filters stay out of a GET form's URL, so it is short and shareable.
    if (method === "post" || value !== "") fields.append(name, value);
  }
  ev.preventDefault();
  if (method === "get") {
    action.search = fields.toString();
    const samePage = action.pathname === location.pathname;
    go(request(action), { push: !samePage, keepFocus: samePage, focusMain: !samePage });
  } else {
    form.dataset.sending = "";
    form.setAttribute("aria-busy", "true");
    const done = () => {
      delete form.dataset.sending;
      form.removeAttribute("aria-busy");
    };
    go(request(action, { method: "POST", body: fields }), {
      push: true,
      form: form.id,
      done,
      // Offline or the server went away: the browser posts it itself and shows its error.
      fallback: () => {
        done();
        HTMLFormElement.prototype.submit.call(form);
      },
    });
  }
});

addEventListener("popstate", (ev) => {
  const now = location.pathname + location.search;
  if (now === shown) return; // only the #fragment changed
  if (broken) return location.reload();
  go(request(new URL(location.href)), { scrollY: ev.state?.scrollY ?? 0 });
});

// The islands' module failed to load: say so in Dutch, and fall back to plain page loads.
addEventListener("unhandledrejection", (ev) => {
  const reason = String(ev.reason?.message ?? ev.reason);
  if (!/dynamically imported module|WebAssembly|wasm|Failed to fetch|MIME type/i.test(reason)) return;
  ev.preventDefault();
  broken = true;
  // The menu toggle will not work: show the menu as without JavaScript.
  document.documentElement.classList.remove("has-js");
  if (document.getElementById("laadfout")) return;
  const notice = document.createElement("div");
  notice.id = "laadfout";
  notice.className = "notice notice--warning";
  notice.setAttribute("role", "status");
  notice.innerHTML =
    "<p>Een deel van deze pagina kon niet laden, misschien omdat Kernpunt net is bijgewerkt. " +
    'Alles werkt ook zo; <a href="">laad de pagina opnieuw</a> voor de volledige versie.</p>';
  (document.querySelector("main") || document.body).prepend(notice);
});

function request(url, init = {}) {
  return new Request(url, { ...init, headers: { Accept: "text/html" }, credentials: "same-origin" });
}

/** The app's module as a page names it; a different one means a deploy happened. */
function moduleOf(doc) {
  return doc.querySelector('link[rel="modulepreload"]')?.getAttribute("href") ?? null;
}

async function go(req, how) {
  const id = ++navigation;
  // Where this page was scrolled to, for the back button.
  if (how.scrollY === undefined) history.replaceState({ ...history.state, scrollY }, "");
  const root = document.documentElement;
  root.classList.add("is-loading");
  let response, html;
  try {
    response = await fetch(req);
    html = await response.text();
  } catch {
    if (id === navigation) root.classList.remove("is-loading");
    how.done?.();
    return how.fallback ? how.fallback() : location.assign(req.url);
  }
  how.done?.();
  if (id !== navigation) return; // a newer navigation won
  root.classList.remove("is-loading");
  const url = new URL(response.url);
  const type = response.headers.get("content-type") || "";
  if (!type.includes("text/html")) return location.assign(req.method === "GET" ? url : location.href);
  const next = new DOMParser().parseFromString(html, "text/html");
  if (moduleOf(next) !== moduleOf(document)) return location.assign(url);
  url.hash = how.hash || "";

  if (how.push && url.href !== location.href) history.pushState({}, "", url);
  else if (how.scrollY === undefined) history.replaceState({}, "", url);
  shown = location.pathname + location.search;

  // What the visitor is typing in stays as it is (the filters follow the typing).
  const active = document.activeElement;
  const keep =
    how.keepFocus && active?.id
      ? { id: active.id, value: active.value, start: active.selectionStart, end: active.selectionEnd }
      : null;

  document.title = next.title;
  const description = next.querySelector('meta[name="description"]')?.getAttribute("content");
  if (description !== undefined) {
    document.querySelector('meta[name="description"]')?.setAttribute("content", description || "");
  }
  document.body = document.adoptNode(next.body);

  if (keep) {
    const el = document.getElementById(keep.id);
    if (el) {
      if (typeof keep.value === "string" && el.value !== keep.value) el.value = keep.value;
      el.focus({ preventScroll: true });
      try {
        el.setSelectionRange(keep.start, keep.end);
      } catch {}
    }
  } else if (how.scrollY !== undefined) {
    scrollTo(0, how.scrollY);
  } else if (how.form && document.getElementById(how.form)) {
    // After a post that came back to its form (a mistake, or saved): keep it in view.
    const form = document.getElementById(how.form);
    form.scrollIntoView({ block: "start" });
    const invalid = form.querySelector('[aria-invalid="true"]');
    (invalid || form).focus?.({ preventScroll: true });
  } else {
    const target = how.hash ? document.getElementById(decodeURIComponent(how.hash.slice(1))) : null;
    if (target) target.scrollIntoView();
    else scrollTo(0, 0);
    if (how.focusMain) document.getElementById("inhoud")?.focus({ preventScroll: true });
  }

  for (const island of document.querySelectorAll("leptos-island")) {
    try {
      window.__hydrateIsland?.(island, island.dataset.component);
    } catch (error) {
      console.error(error);
    }
  }
  for (const script of document.body.querySelectorAll("script[data-page-script][src]")) {
    import(script.src).catch(() => {});
  }
  document.dispatchEvent(new Event("kernpunt:page"));
}
