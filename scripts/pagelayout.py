#!/usr/bin/env python3
"""Measure the report's pages in headless Chromium, as a reader's browser lays
them out, and optionally keep screenshots. Python's standard library only: it
talks to Chromium over the DevTools protocol on a pipe
(--remote-debugging-pipe), so nothing needs installing but Chromium.

The pages have no script and a CSP; the measuring script runs through the
protocol (Runtime.evaluate), which the page's CSP does not govern.

Usage:
  pagelayout.py [--chromium PATH] [--widths 390,768,1400] [--shots DIR]
                [--shot-height PX] [--name NAME]... [--english-words FILE] PAGE...

Prints one JSON object per page and width on stdout:
  {"page", "width", "scroll_width", "height", "tops": {section id: px},
   "scrolling_tables": [...], "problems": [...]}
"tops" is where each shown section[id] starts, in px from the top of the page;
"scrolling_tables" names each table that scrolls sideways inside its box.
A problem is one of:
  page-scrolls-sideways    the document is wider than the viewport;
  cramped-cell             a table cell with less room than its longest word
                           (or than MIN_CHARS characters) needs, or narrower
                           than MIN_CELL px with text that does not fit a line;
  small-chart-text         SVG text drawn smaller than MIN_TEXT px;
  thin-chart-bar           a bar of a bar chart (the rects of one SVG `g`)
                           narrower than MIN_BAR px, or without colour;
  chart-text-cut           SVG text reaching past the sides of the box that
                           holds its chart (the card cuts it, or the page
                           scrolls for it);
  table-overflows-its-box  at DESKTOP px and wider, a table that scrolls;
  english-text             with --english-words, two or more of its words one
                           after the other in visible text outside <code> and
                           .mono (an English sentence in a translated page).
Exits 0 whatever it finds (the caller judges), 2 when Chromium can't be driven.
Screenshots (--shots) are DIR/NAME-WIDTH.png, NAME the page's --name or file stem.
"""
import argparse
import base64
import fcntl
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# A cell narrower than this holds only what fits on one line ("7").
MIN_CELL = 40
# Fewer characters a line than this is squeezed, even between words.
MIN_CHARS = 10
MIN_TEXT = 10
# A bar narrower than this loses its colour to its rounded corners.
MIN_BAR = 6
# From this width on a table must fit its card: a desktop reader should not
# have to scroll a table sideways.
DESKTOP = 1200
TIMEOUT = 60

MEASURE = r"""
(() => {
  const MIN_BAR = %(min_bar)d, MIN_CELL = %(min_cell)d, MIN_CHARS = %(min_chars)d, MIN_TEXT = %(min_text)d, DESKTOP = %(desktop)d;
  const doc = document.documentElement;
  const STOP = new Set(%(stop)s);
  const width = window.__requestedWidth;
  const problems = [];
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      let p = e.tagName.toLowerCase();
      if (e.id) { p += '#' + e.id; parts.unshift(p); break; }
      if (e.classList.length) p += '.' + [...e.classList].join('.');
      parts.unshift(p);
    }
    const section = el.closest('section[id]');
    return (section && !parts[0].includes('#') ? 'section#' + section.id + ' … ' : '') + parts.join(' > ');
  };
  const shown = (el) => el.getClientRects().length > 0;
  if (doc.scrollWidth > width) {
    // Name the widest culprits: elements reaching past the viewport.
    const wide = [...document.body.querySelectorAll('*')]
      .filter((e) => shown(e) && e.getBoundingClientRect().right > width + 0.5)
      .filter((e) => !e.closest('.table-wrap') || e.classList.contains('table-wrap'))
      .slice(0, 5).map((e) => where(e) + ' right=' + Math.round(e.getBoundingClientRect().right));
    problems.push({kind: 'page-scrolls-sideways', detail: 'document ' + doc.scrollWidth + ' px wide in a ' + width + ' px viewport', where: wide.join('; ')});
  }
  // A cell is cramped when it must break a word, or has less than MIN_CHARS
  // characters ("0" widths of its font) a line, to fit: breaking between
  // words ("Must / re-add") is fine.
  const ctx = document.createElement('canvas').getContext('2d');
  // [room the longest word needs (at most MIN_CHARS characters), room the
  // longest text run needs on one line]
  const need = (cell) => {
    let word = 0, line = 0;
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const text = n.textContent.replace(/\s+/g, ' ').trim();
      // An SVG <title> is a tooltip, not text in the cell.
      if (!text || n.parentElement.closest('title')) continue;
      ctx.font = getComputedStyle(n.parentElement).font;
      const chars = MIN_CHARS * ctx.measureText('0').width;
      // A line may break between words, and around every Chinese or
      // Japanese character (and full-width punctuation).
      for (const w of text.match(/[\u3000-\u9fff\uff00-\uffef]|[^ \u3000-\u9fff\uff00-\uffef]+/g) || [])
        word = Math.max(word, Math.min(ctx.measureText(w).width, chars));
      line = Math.max(line, ctx.measureText(text).width);
    }
    return [word, line];
  };
  for (const c of document.querySelectorAll('td, th')) {
    const text = c.textContent.replace(/\s+/g, ' ').trim();
    if (!text || !shown(c)) continue;
    const style = getComputedStyle(c);
    const room = c.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const [word, line] = need(c);
    const width = c.getBoundingClientRect().width;
    // Under MIN_CELL px a cell may only hold what fits on one line ("7").
    if (room + 0.5 < word || (width < MIN_CELL && room + 0.5 < line))
      problems.push({kind: 'cramped-cell', detail: Math.round(width) + ' px wide, ' + Math.round(room) + ' px for words needing ' + Math.round(word) + ' px: ' + JSON.stringify(text.slice(0, 40)), where: where(c)});
  }
  for (const t of document.querySelectorAll('svg text')) {
    if (!shown(t)) continue;
    const m = t.getScreenCTM();
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    if (px < MIN_TEXT) problems.push({kind: 'small-chart-text', detail: px.toFixed(1) + ' px: ' + JSON.stringify(t.textContent.slice(0, 40)), where: where(t)});
    const box = t.ownerSVGElement.parentElement.getBoundingClientRect(), r = t.getBoundingClientRect();
    if (r.right > box.right + 0.5 || r.left < box.left - 0.5)
      problems.push({kind: 'chart-text-cut', detail: Math.round(r.left - box.left) + ' to ' + Math.round(r.right - box.left) + ' px in a ' + Math.round(box.width) + ' px box: ' + JSON.stringify(t.textContent.slice(0, 40)), where: where(t)});
  }
  for (const g of document.querySelectorAll('svg g')) {
    const rects = [...g.querySelectorAll('rect')].filter((r) => shown(r) && !['none', 'transparent'].includes(getComputedStyle(r).fill));
    if (!rects.length || !shown(g)) continue;
    const left = Math.min(...rects.map((r) => r.getBoundingClientRect().left));
    const right = Math.max(...rects.map((r) => r.getBoundingClientRect().right));
    if (right - left < MIN_BAR)
      problems.push({kind: 'thin-chart-bar', detail: (right - left).toFixed(1) + ' px: ' + JSON.stringify(g.textContent.trim().slice(0, 40)), where: where(g)});
  }
  if (width >= DESKTOP) {
    for (const w of document.querySelectorAll('.table-wrap')) {
      if (shown(w) && w.scrollWidth > w.clientWidth + 1)
        problems.push({kind: 'table-overflows-its-box', detail: w.scrollWidth + ' px in ' + w.clientWidth + ' px', where: where(w)});
    }
  }
  // Where each section starts, from the top of the document: what a reader
  // scrolls past before reaching it.
  const tops = {};
  for (const s of document.querySelectorAll('section[id]')) if (shown(s)) tops[s.id] = Math.round(s.getBoundingClientRect().top + window.scrollY);
  // English sentences in a page of another language: a run of two or more
  // words of the English UI (STOP, lowercase) one after the other in the
  // visible text, only spaces or , ; : between them. Text in <code> and
  // .mono (commands, ids, usernames) is not the page's prose.
  if (STOP.size) {
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || !shown(el) || el.closest('code, .mono, style, title')) continue;
      let run = [];
      const flush = () => {
        if (run.length >= 2) problems.push({kind: 'english-text', detail: JSON.stringify(run.join(' ')), where: where(el)});
        run = [];
      };
      for (const m of n.textContent.matchAll(/[A-Za-z][A-Za-z'’-]*|[^A-Za-z\s,;:]+/g)) {
        const w = m[0];
        if (/^[A-Za-z]/.test(w) && STOP.has(w.toLowerCase())) run.push(w); else flush();
      }
      flush();
    }
  }
  // Tables that scroll sideways inside their box, at any width: a page whose
  // tables must fit every width (status.html) is judged on these.
  const scrolling = [...document.querySelectorAll('.table-wrap')]
    .filter((w) => shown(w) && w.scrollWidth > w.clientWidth + 1)
    .map((w) => where(w) + ': ' + w.scrollWidth + ' px in ' + w.clientWidth + ' px');
  return {scroll_width: doc.scrollWidth, height: doc.scrollHeight, tops, scrolling_tables: scrolling, problems};
})()
"""


def measure_script(stop):
    return MEASURE % {
        "min_bar": MIN_BAR, "min_cell": MIN_CELL, "min_chars": MIN_CHARS, "min_text": MIN_TEXT, "desktop": DESKTOP,
        "stop": json.dumps(sorted(stop)),
    }


def high(fd):
    """`fd` moved to a number above 9 (close-on-exec, as os.pipe makes it)."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class Browser:
    """One headless Chromium, driven over --remote-debugging-pipe (fd 3 in,
    fd 4 out, messages ended by NUL)."""

    def __init__(self, chromium):
        self.profile = tempfile.TemporaryDirectory(prefix="pagelayout-")
        # Every pipe end above fd 4, so that dup2 onto 3 and 4 never meets
        # itself (dup2 of a descriptor onto itself keeps close-on-exec).
        to_browser_r, self.to_browser, self.from_browser, from_browser_w = (
            high(fd) for fd in (*os.pipe(), *os.pipe())
        )

        def fds():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.proc = subprocess.Popen(
            [
                chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--remote-debugging-pipe",
                "--user-data-dir=" + self.profile.name, "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            # PAGELAYOUT_DEBUG=1 shows Chromium's own messages.
            stderr=None if os.environ.get("PAGELAYOUT_DEBUG") else subprocess.DEVNULL,
            preexec_fn=fds,
            close_fds=False,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)

    def send(self, method, session, params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            data = data[os.write(self.to_browser, data):]
        return self.next_id

    def read(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.from_browser], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer within %d s" % TIMEOUT)
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe (exit %s)" % self.proc.poll())
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, session=False, **params):
        want = self.send(method, session, params)
        deadline = time.monotonic() + TIMEOUT
        while True:
            msg = self.read(deadline)
            if msg.get("id") == want:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg["method"])

    def wait_event(self, name):
        deadline = time.monotonic() + TIMEOUT
        while name not in self.events:
            msg = self.read(deadline)
            if "method" in msg:
                self.events.append(msg["method"])
        self.events.clear()

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_browser)
        os.close(self.from_browser)
        self.profile.cleanup()


def measure(browser, page, width, shot=None, shot_height=0, stop=()):
    # A phone is a mobile viewport (the page's viewport meta applies);
    # a tablet and a desktop are not.
    browser.call(
        "Emulation.setDeviceMetricsOverride", session=True,
        width=width, height=900, deviceScaleFactor=1, mobile=width < 700,
    )
    browser.events.clear()
    browser.call("Page.navigate", session=True, url=page.resolve().as_uri())
    browser.wait_event("Page.loadEventFired")
    browser.call("Runtime.evaluate", session=True, expression="window.__requestedWidth = %d" % width)
    res = browser.call("Runtime.evaluate", session=True, expression=measure_script(stop), returnByValue=True)
    if "exceptionDetails" in res:
        raise RuntimeError("measuring %s: %s" % (page, res["exceptionDetails"]))
    out = res["result"]["value"]
    if shot:
        height = out["height"] if not shot_height else min(out["height"], shot_height)
        png = browser.call(
            "Page.captureScreenshot", session=True, format="png", captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": max(width, out["scroll_width"]), "height": height, "scale": 1},
        )["data"]
        shot.parent.mkdir(parents=True, exist_ok=True)
        shot.write_bytes(base64.b64decode(png))
    return {"page": str(page), "width": width, **out}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--widths", default="390,768,1400")
    ap.add_argument("--shots", type=Path, help="write <DIR>/<name>-<width>.png of each page")
    ap.add_argument("--shot-height", type=int, default=0, help="cut screenshots at this many px (0: whole page)")
    ap.add_argument("--name", action="append", default=[], help="screenshot name of each page, in order")
    ap.add_argument("--english-words", type=Path,
                    help="a file of English UI words, one a line: report english-text in the pages")
    ap.add_argument("pages", nargs="+", type=Path)
    args = ap.parse_args()
    widths = [int(w) for w in args.widths.split(",")]
    stop = set(args.english_words.read_text().split()) if args.english_words else set()
    try:
        browser = Browser(args.chromium)
    except (OSError, RuntimeError, TimeoutError) as e:
        print("pagelayout: can't drive %s: %s" % (args.chromium, e), file=sys.stderr)
        return 2
    try:
        for i, page in enumerate(args.pages):
            name = args.name[i] if i < len(args.name) else page.stem
            for width in widths:
                shot = args.shots / ("%s-%d.png" % (name, width)) if args.shots else None
                print(json.dumps(measure(browser, page, width, shot, args.shot_height, stop)), flush=True)
    except (OSError, RuntimeError, TimeoutError) as e:
        print("pagelayout: %s" % e, file=sys.stderr)
        return 2
    finally:
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
