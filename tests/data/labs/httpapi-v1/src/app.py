# Handlers for the httpapi-v1 lab (tst_httpapiv1).
import base64
import json


def echo(event, context):
    # The event back as the body, in the shape both payload formats accept.
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(event),
        "isBase64Encoded": False,
    }


def shaped(event, context):
    params = event.get("queryStringParameters") or {}
    mode = params.get("mode")
    if mode == "multi":
        return {
            "statusCode": 201,
            "headers": {"X-Single": "one", "X-Both": "from-headers"},
            "multiValueHeaders": {"X-Multi": ["a", "b"], "X-Both": ["m1", "m2"]},
            "body": base64.b64encode(b"\x00\x01binary\xff").decode("ascii"),
            "isBase64Encoded": True,
        }
    if mode == "bare":
        return {"hello": "world"}
    if mode == "status-word":
        return {"statusCode": "teapot", "body": "x"}
    if mode == "headers-list":
        return {"statusCode": 200, "headers": ["not", "an", "object"]}
    if mode == "bad-base64":
        return {"statusCode": 200, "body": "%%%", "isBase64Encoded": True}
    return {"statusCode": 400, "body": "unknown mode"}


def authorize(event, context):
    headers = event.get("headers") or {}
    return {
        "isAuthorized": headers.get("x-key") == "open-sesame",
        "context": {"who": "key-check", "level": 3},
    }
