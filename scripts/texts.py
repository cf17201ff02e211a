#!/usr/bin/env python3
"""Reply texts in resource files, English beside Thai.

  scripts/texts.py add  PATH/NameTexts KEY "English text" "Thai text"   add or replace one text in both files
  scripts/texts.py remove PATH/NameTexts KEY [KEY ...]                 remove texts from both files
  scripts/texts.py check [ROOT]                                        every *Texts.resx has a .th.resx with the
                                                                       same keys and the same {0}-style slots

PATH/NameTexts is the resource's path without ".resx" (src/AeBot.Core/Turns/TurnTexts). Writes plain, sorted XML
so that two people adding texts to one file rarely touch the same lines.
"""
import pathlib, re, sys
import xml.etree.ElementTree as ET

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""

def read(path):
    if not path.exists():
        return {}
    root = ET.parse(path).getroot()
    return {d.get("name"): (d.findtext("value") or "") for d in root.findall("data")}

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def write(path, texts):
    lines = [HEADER]
    for k in sorted(texts, key=str.lower):
        lines.append(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(texts[k])}</value></data>\n')
    lines.append("</root>\n")
    path.write_text("".join(lines), encoding="utf-8")

SLOT = re.compile(r"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}(?!\})")

def slots(s):
    return sorted(set(SLOT.findall(s)))

def main(argv):
    if len(argv) >= 5 and argv[0] == "add":
        base, key, en, th = pathlib.Path(argv[1]), argv[2], argv[3], argv[4]
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            sys.exit(f"bad key {key!r}: letters, digits and _ only")
        if slots(en) != slots(th):
            sys.exit(f"{key}: slots differ: {slots(en)} vs {slots(th)}")
        for path, text in ((base.with_suffix(".resx"), en), (pathlib.Path(str(base) + ".th.resx"), th)):
            texts = read(path)
            texts[key] = text
            write(path, texts)
        return
    if len(argv) >= 3 and argv[0] == "remove":
        base = pathlib.Path(argv[1])
        for key in argv[2:]:
            for path in (base.with_suffix(".resx"), pathlib.Path(str(base) + ".th.resx")):
                texts = read(path)
                if texts.pop(key, None) is None:
                    sys.exit(f"{path}: no text {key!r}")
                write(path, texts)
        return
    if argv and argv[0] == "check":
        root = pathlib.Path(argv[1] if len(argv) > 1 else "src")
        bad = 0
        for en_path in sorted(root.rglob("*Texts.resx")):
            th_path = pathlib.Path(str(en_path)[:-5] + ".th.resx")
            en, th = read(en_path), read(th_path)
            for k in sorted(set(en) | set(th)):
                if k not in th:
                    print(f"{en_path}: {k} has no Thai"); bad += 1
                elif k not in en:
                    print(f"{th_path}: {k} has no English"); bad += 1
                elif slots(en[k]) != slots(th[k]):
                    print(f"{en_path}: {k} slots differ {slots(en[k])} vs {slots(th[k])}"); bad += 1
        sys.exit(1 if bad else 0)
    sys.exit(__doc__)

if __name__ == "__main__":
    main(sys.argv[1:])
