"""Writes a zip for the emulator's CreateFunction tests: makezip.py OUT SPEC.json

SPEC is a list of entries: {"name": ..., "text": ...} for a file, {"name": ..., "link": ...}
for a symbolic link (Unix mode bits in the external attributes, as `zip -y` stores them).
Entry names are written as given, so a test can ask for "../x" or "/etc/x".
"""
import json
import sys
import zipfile

out, spec = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
    for entry in spec:
        info = zipfile.ZipInfo(entry["name"], date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        if "link" in entry:
            info.create_system = 3
            info.external_attr = (0o120777 << 16)
            archive.writestr(info, entry["link"])
        else:
            info.create_system = 3
            info.external_attr = (0o100644 << 16)
            archive.writestr(info, entry["text"])
