"""Bakery lab: suggest a snack.

API Gateway (HTTP API, payload format 2.0) calls lambda_handler with an event that
describes the HTTP request; the returned dict is the HTTP response.
"""

import json
import os
import random

SNACKS = [
    "croissant",
    "pain au chocolat",
    "cinnamon roll",
    "blueberry muffin",
    "sourdough slice",
    "almond biscotti",
    "lemon tart",
]


def lambda_handler(event, context):
    snack = random.choice(SNACKS)
    caller = event.get("requestContext", {}).get("http", {}).get("sourceIp", "a direct invocation")
    print(f"suggesting {snack} for {caller}")
    body = {
        "bakery": os.environ.get("BAKERY_NAME", "Bakery"),
        "snack": snack,
        "requestId": context.aws_request_id,
    }
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body),
    }
