import json


def echo(event, context):
    # The whole event as the AWSJSON field, so a test can compare it with AppSync's samples.
    return {"id": (event.get("arguments") or {}).get("id"), "event": json.dumps(event), "child": {"label": "inner"}}


def child_event(event, context):
    return json.dumps(event)


def fail(event, context):
    raise ValueError("the kitchen is closed")


def authorize(event, context):
    # AWS_LAMBDA authorization: the token decides; the event goes back in resolverContext so a
    # test can compare it with AppSync's sample.
    if event.get("authorizationToken") != "let-me-in":
        return {"isAuthorized": False}
    return {"isAuthorized": True, "resolverContext": {"who": "tester", "event": json.dumps(event)},
            "deniedFields": ["Query.fail"]}
