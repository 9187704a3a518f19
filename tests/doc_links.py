#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every relative link of README.md and docs/*.md leads somewhere: the file
(or folder) exists in the checkout, and a #fragment names a heading of the
target (GitHub's anchors: lower case, punctuation dropped, spaces to '-')
or an explicit anchor (<a id="...">).
Prints one line per broken link and exits 1 if there is any.
usage: doc_links.py CHECKOUT
"""
import os
import re
import sys

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def anchors(path):
    """The anchors of a markdown file: its headings' (outside code blocks)
    and the explicit ones (<a id="...">)."""
    found, fenced = set(), False
    with open(path) as f:
        for line in f:
            found.update(re.findall(r'<a (?:id|name)="([^"]+)"', line))
            if line.startswith("```"):
                fenced = not fenced
                continue
            m = re.match(r"#{1,6} (.*)", line)
            if m and not fenced:
                text = m.group(1).strip().lower()
                text = re.sub(r"[^\w\- ]", "", text)
                found.add(text.replace(" ", "-"))
    return found


def main():
    root = sys.argv[1]
    docs = ["README.md"] + ["docs/" + n for n in sorted(os.listdir(os.path.join(root, "docs")))
                            if n.endswith(".md")]
    broken = checked = 0
    for doc in docs:
        fenced = False
        with open(os.path.join(root, doc)) as f:
            lines = f.read().splitlines()
        for number, line in enumerate(lines, 1):
            if line.startswith("```"):
                fenced = not fenced
            if fenced:
                continue
            for target in LINK.findall(line):
                if re.match(r"[a-z]+:", target):
                    continue  # http:, https:, mailto:
                checked += 1
                path, _, fragment = target.partition("#")
                full = os.path.normpath(os.path.join(root, os.path.dirname(doc), path)) \
                    if path else os.path.join(root, doc)
                if not os.path.exists(full):
                    print("%s:%d: %s: no such file" % (doc, number, target))
                    broken += 1
                elif fragment and full.endswith(".md") and fragment not in anchors(full):
                    print("%s:%d: %s: no such heading" % (doc, number, target))
                    broken += 1
    print("doc_links: %d links checked in %d documents, %d broken" % (checked, len(docs), broken))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
