#!/usr/bin/env python3
"""Rebuilds the content-free placeholder packages from src/*.nuspec (see README, 'Registry gaps')."""
import pathlib, re, zipfile

here = pathlib.Path(__file__).resolve().parent
CONTENT_TYPES = ('<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="nuspec" ContentType="application/octet" /></Types>')
for nuspec in sorted((here / "src").glob("*.nuspec")):
    text = nuspec.read_text()
    pid = re.search(r"<id>(.+?)</id>", text).group(1)
    ver = re.search(r"<version>(.+?)</version>", text).group(1)
    out = here / f"{pid.lower()}.{ver}.nupkg"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in ((f"{pid}.nuspec", text), ("[Content_Types].xml", CONTENT_TYPES)):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # fixed time: byte-identical rebuilds
            z.writestr(info, data, zipfile.ZIP_DEFLATED)
    print(out.name)
