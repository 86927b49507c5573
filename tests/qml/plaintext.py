#!/usr/bin/python3
"""qml.plaintext: every Text and Label in the apps' QML shows its text as plain text.

Names, reasons and evidence come from users; with Qt's default (Text.AutoText) a name such as
"<b>Ada</b>" or "<img src=...>" would be rendered as markup. Every `Text {` and `Label {` block
in the given files must set `textFormat: Text.PlainText`, and an ItemDelegate that sets `text:`
must draw it with a contentItem of its own (the styles' label takes AutoText). Exit status 1,
with one line per offence, when one does not.
"""
import re
import sys

BLOCK = re.compile(r"\b(Label|Text|ItemDelegate)\s*\{")


def body(source, start):
    depth, i = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(source[i], 0)
        i += 1
    return source[start : i - 1]


def offences(path):
    source = open(path, encoding="utf-8").read()
    for match in BLOCK.finditer(source):
        block = body(source, match.end())
        line = source.count("\n", 0, match.start()) + 1
        if match.group(1) == "ItemDelegate":
            if re.search(r"^\s*text\s*:", block, re.M) and "contentItem" not in block:
                yield f"{path}:{line}: ItemDelegate with text but no plain-text contentItem"
        elif "textFormat: Text.PlainText" not in block:
            yield f"{path}:{line}: {match.group(1)} without textFormat: Text.PlainText"


found = [offence for path in sys.argv[1:] for offence in offences(path)]
print("\n".join(found) if found else f"{len(sys.argv) - 1} files: every Text and Label is plain")
sys.exit(1 if found else 0)
