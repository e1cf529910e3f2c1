import json
import os
import time


def ok(event, context):
    print("ok called for", event["pathParameters"]["name"])
    return {"statusCode": 200, "headers": {"content-type": "application/json"},
            "body": json.dumps({"hello": event["pathParameters"]["name"],
                                "routeKey": event["routeKey"],
                                "function": context.function_name})}


def echo(event, context):
    return {"length": len(event.get("body") or ""), "base64": event["isBase64Encoded"]}


def raise_error(event, context):
    raise ValueError("the oven is cold")


def hang(event, context):
    while True:
        time.sleep(60)


def slow(event, context):
    time.sleep(3)
    return {"statusCode": 200, "body": "late"}


def crash(event, context):
    os._exit(3)
