import os

MARKER_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "marker.txt")


def handler(event, context):
    with open(MARKER_FILE, encoding="utf-8") as f:
        marker = f.read().strip()
    print("running code", marker)
    return {"marker": marker}
