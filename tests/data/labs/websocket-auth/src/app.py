"""Handlers of the websocket-auth test lab.

authorize is a Lambda REQUEST authorizer as AWS's WebSocket example writes one: it answers an
IAM policy for the event's methodArn with a principalId and a context. What each handler saw is
kept in a JSON file in the workers' HOME (on AWS this would be a table), and the $default route
answers with it, so the test can read the events.
"""
import fcntl
import json
import os
import time

STORE = os.path.join(os.environ.get("HOME", "/tmp"), "ws-auth-events.json")


def _update(change):
    with open(STORE, "a+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        f.seek(0)
        text = f.read()
        data = json.loads(text) if text else {}
        result = change(data)
        f.seek(0)
        f.truncate()
        json.dump(data, f)
        return result


def _policy(effect, resource):
    return {"Version": "2012-10-17",
            "Statement": [{"Action": "execute-api:Invoke", "Effect": effect, "Resource": resource}]}


def authorize(event, context):
    token = (event.get("queryStringParameters") or {}).get("token") or (event.get("headers") or {}).get("Auth")
    _update(lambda d: d.__setitem__("authorizer", event))
    if token == "boom":
        raise RuntimeError("the authorizer crashed")
    if token == "nope":
        raise Exception("Unauthorized")
    if token == "garbled":
        return {"principalId": "user-42"}
    effect = "Allow" if token == "letmein" else "Deny"
    return {"principalId": "user-42", "policyDocument": _policy(effect, event["methodArn"]),
            "context": {"plan": (event.get("stageVariables") or {}).get("plan", "none"),
                        "seats": 3, "admin": True}}


def connect(event, context):
    connection_id = event["requestContext"]["connectionId"]
    _update(lambda d: d.setdefault("connect", {}).__setitem__(connection_id, event))
    offered = [p.strip() for p in (event.get("headers") or {}).get("Sec-WebSocket-Protocol", "").split(",")]
    if "chat.v1" in offered:
        return {"statusCode": 200, "headers": {"Sec-WebSocket-Protocol": "chat.v1"}}
    return {"statusCode": 200}


def disconnect(event, context):
    connection_id = event["requestContext"]["connectionId"]
    _update(lambda d: d.setdefault("disconnect", {}).__setitem__(connection_id, event))
    return {"statusCode": 200}


def echo(event, context):
    """$default: {"action": "seen"} gives back everything kept; anything else, the event."""
    if event["requestContext"].get("eventType") != "MESSAGE":
        return {"statusCode": 200}
    body = json.loads(event.get("body") or "{}")
    if body.get("action") == "seen":
        return {"statusCode": 200, "body": json.dumps(_update(lambda d: dict(d)))}
    return {"statusCode": 200, "body": json.dumps(event)}


def slow(event, context):
    time.sleep(float(json.loads(event.get("body") or "{}").get("seconds", 4)))
    return {"statusCode": 200, "body": "finally"}
