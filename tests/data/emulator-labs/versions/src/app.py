import os
import time

MARKER_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "marker.txt")


def handler(event, context):
    with open(MARKER_FILE, encoding="utf-8") as f:
        marker = f.read().strip()
    print("running code", marker)
    if isinstance(event, dict) and event.get("sleep"):
        time.sleep(event["sleep"])
    if isinstance(event, dict) and event.get("whoami"):
        return {"marker": marker, "invokedArn": context.invoked_function_arn,
                "version": os.environ["AWS_LAMBDA_FUNCTION_VERSION"],
                "contextVersion": context.function_version}
    return {"marker": marker}
