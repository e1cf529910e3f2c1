import json


def echo(event, context):
    # The whole event as the AWSJSON field, so a test can compare it with AppSync's samples.
    return {"id": (event.get("arguments") or {}).get("id"), "event": json.dumps(event), "child": {"label": "inner"}}


def child_event(event, context):
    return json.dumps(event)


def fail(event, context):
    raise ValueError("the kitchen is closed")
