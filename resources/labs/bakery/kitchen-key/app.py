"""Bakery lab: the kitchen door's Lambda authorizer (KitchenKeyAuthorizer in template.yaml).

API Gateway calls this function before GET /kitchen with a payload format 2.0 authorizer
event: the request's headers, query string and requestContext, plus "identitySource" (the
values of the headers named under Identity) and "routeArn". With EnableSimpleResponses the
answer is {"isAuthorized": true|false, "context": {...}}: false becomes 403 Forbidden, and the
context reaches the kitchen function as requestContext.authorizer.lambda.

The key is a lab secret, printed in lab.md: a real bakery keeps its key in AWS Secrets Manager
or checks a signed token instead.
"""

KITCHEN_KEY = "warm-oven-42"


def lambda_handler(event, context):
    key = (event.get("headers") or {}).get("x-bakery-key")
    allowed = key == KITCHEN_KEY
    # Never print the key itself: the log is for everyone who can read CloudWatch.
    print(f"kitchen door: {'open' if allowed else 'closed'} for {event.get('routeArn')}")
    return {"isAuthorized": allowed, "context": {"role": "baker", "shift": "early"}}
