#!/usr/bin/env python3
"""Fails when a user-visible string of the apps is left untranslated.

lupdate reads the apps' sources (the project CMake wrote for scoreboard_translations) into a copy
of each committed .ts file, so a string added to the code and not yet translated shows up as
"unfinished" even if nobody ran lupdate. Every message must then have a translation (every plural
form for a %n message) that keeps the source's placeholders (%1…%9, %n). The committed files are
not changed.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%(\d|n)")


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return result


def problems_in(ts_path):
    problems = []
    count = 0
    root = ET.parse(ts_path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            count += 1
            where = f"{name}: {source!r}"
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                    continue
                problems.append(f"untranslated: {where}")
                continue
            forms = [f.text or "" for f in translation.findall("numerusform")]
            if message.get("numerus") == "yes":
                if not forms or any(not f.strip() for f in forms):
                    problems.append(f"a plural form is missing: {where}")
                    continue
            else:
                forms = [translation.text or ""]
                if not forms[0].strip():
                    problems.append(f"empty translation: {where}")
                    continue
            wanted = set(PLACEHOLDER.findall(source))
            for form in forms:
                have = set(PLACEHOLDER.findall(form))
                # A plural form may spell out "one" instead of %n; every other placeholder stays.
                if (wanted - {"n"}) - have or have - wanted or ("n" in wanted and len(forms) == 1 and "n" not in have):
                    problems.append(f"placeholders differ ({sorted(wanted)} vs {sorted(have)}): {where} -> {form!r}")
    return count, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lupdate", required=True)
    parser.add_argument("--project", required=True, help="the .cmake project qt_add_lupdate wrote")
    parser.add_argument("--generator", required=True, help="Qt's GenerateLUpdateProject.cmake")
    parser.add_argument("ts_files", nargs="+")
    args = parser.parse_args()

    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        project = os.path.join(tmp, "project.json")
        run(["cmake", f"-DIN_FILE={args.project}", f"-DOUT_FILE={project}", "-P", args.generator])
        for ts in args.ts_files:
            copy = os.path.join(tmp, os.path.basename(ts))
            shutil.copyfile(ts, copy)
            run([args.lupdate, "-project", project, "-ts", copy, "-no-obsolete", "-locations", "none", "-silent"])
            count, problems = problems_in(copy)
            name = os.path.basename(ts)
            if count == 0:
                problems.append("lupdate found no strings at all (is the project right?)")
            if problems:
                failed = True
                print(f"{name}: {len(problems)} of {count} strings need work:")
                for problem in problems:
                    print(f"  {problem}")
            else:
                print(f"{name}: all {count} strings translated")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
