"""Whether a page reads on a 390-pixel phone: one check, used by every list's browser test.

A page fails when it scrolls sideways (the whole page, or a box inside it such as a table in a
side scroller) or when a text is squeezed into a column so narrow that it wraps a character or
two a line. Lines are counted per text node with ``Range.getClientRects()`` (one rectangle per
line box the text occupies) and compared with the text's length: a text of four or more
characters on three or more lines with fewer than four characters a line is squeezed. A card's
title that wraps over two or three full lines passes; "关/于/律/师" down a table cell does not.
"""

from typing import Any

PHONE_WIDTH = 390
PHONE = {"viewport": {"width": PHONE_WIDTH, "height": 844}, "is_mobile": True, "has_touch": True}
DESK = {"viewport": {"width": 1280, "height": 900}}

# Returns a list of problems, each a short sentence naming what is wrong and where.
_PROBLEMS = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    problems.push(`the page is ${root.scrollWidth}px wide (scrolls sideways)`);
  }
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      const id = e.dataset && e.dataset.testid ? `[data-testid=${e.dataset.testid}]` : "";
      parts.unshift(e.tagName.toLowerCase() + id);
    }
    return parts.join(" > ");
  };
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
        && el.getClientRects().length && !["SELECT", "TEXTAREA", "INPUT"].includes(el.tagName)) {
      problems.push(`${where(el)} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)`);
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    const length = [...text].length;
    if (length < 4) continue;
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const tops = [];
    for (const r of rects.sort((a, b) => a.top - b.top)) {
      if (!tops.length || r.top >= tops[tops.length - 1] + r.height / 2) tops.push(r.top);
    }
    const lines = tops.length;
    if (lines >= 3 && length / lines < 4) {
      const width = Math.max(...rects.map((r) => r.width));
      problems.push(`"${text.slice(0, 24)}" wraps over ${lines} lines ${Math.round(width)}px`
        + ` wide in ${where(node.parentElement)}`);
    }
  }
  return problems;
}"""


def phone_problems(page: Any) -> list[str]:
    """What keeps the page from reading on a phone (or at any width the page is open at):
    nothing when it reads well."""
    problems: list[str] = page.evaluate(_PROBLEMS)
    return problems
