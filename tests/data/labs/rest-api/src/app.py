import base64
import json
import time


def echo(event, context):
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps(event)}


# Sends the request body back base64-encoded, reversed, with headers in both forms.
def shaped(event, context):
    body = event["body"] or ""
    raw = base64.b64decode(body) if event["isBase64Encoded"] else body.encode()
    return {
        "statusCode": 201,
        "headers": {"Content-Type": "application/octet-stream", "X-Single": "one", "X-Both": "from-headers"},
        "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"], "X-Both": ["m1", "m2"]},
        "body": base64.b64encode(raw[::-1]).decode(),
        "isBase64Encoded": True,
    }


def malformed(event, context):
    return {"statusCode": 200, "body": {"not": "a string"}}


def failing(event, context):
    raise ValueError("the shop is closed")


def slow(event, context):
    time.sleep(2)
    return {"statusCode": 200, "body": "too late"}
