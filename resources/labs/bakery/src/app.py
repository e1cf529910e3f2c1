"""Bakery lab: suggest a snack, and announce the special of the day (version 2).

API Gateway (HTTP API, payload format 2.0) calls lambda_handler with an event that
describes the HTTP request; the returned dict is the HTTP response. Version 1 of the
function, published from ../src-v1, answers without the special.
"""

import datetime
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

SPECIALS = [
    "cardamom bun",
    "apple turnover",
    "pistachio eclair",
    "rye and caraway loaf",
    "raspberry danish",
    "hazelnut financier",
    "olive focaccia",
]


def special_of_the_day(today):
    return SPECIALS[today.weekday()]


def lambda_handler(event, context):
    snack = random.choice(SNACKS)
    special = special_of_the_day(datetime.date.today())
    caller = event.get("requestContext", {}).get("http", {}).get("sourceIp", "a direct invocation")
    print(f"suggesting {snack} for {caller}")
    # The API's stage variable when API Gateway called; the function's own setting otherwise
    # (a direct invoke has no stage).
    stage_variables = event.get("stageVariables") or {}
    body = {
        "bakery": stage_variables.get("bakeryName") or os.environ.get("BAKERY_NAME", "Bakery"),
        "snack": snack,
        "special": special,
        "requestId": context.aws_request_id,
    }
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body),
    }
