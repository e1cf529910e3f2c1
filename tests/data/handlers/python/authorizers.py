# Lambda authorizers for tst_httpapiauthorizers. Each hands the event it received back in its
# context (as JSON text), so the test can compare it with AWS's samples through the echo
# function's requestContext.authorizer.lambda.
import json
import time


def simple(event, context):
    headers = event.get("headers") or {}
    return {
        "isAuthorized": headers.get("x-key") == "open-sesame",
        "context": {"who": "simple", "event": json.dumps(event)},
    }


def statement(effect, resource):
    return {"Action": "execute-api:Invoke", "Effect": effect, "Resource": resource}


# x-policy names the policy: allow (the routeArn the event carries), wildcard (IAM's * and ?),
# elsewhere (another route only), deny-wins (Allow * and Deny the route).
def policy(event, context):
    headers = event.get("headers") or {}
    choice = headers.get("x-policy") or headers.get("X-Policy")
    arn = event.get("routeArn") or event.get("methodArn")
    api = arn.split("/")[0]
    statements = {
        "allow": [statement("Allow", arn)],
        "wildcard": [statement("Allow", api + "/*/GET/poli?y*")],
        "elsewhere": [statement("Allow", api + "/*/GET/somewhere-else")],
        "deny-wins": [statement("Allow", "*"), statement("Deny", arn)],
    }[choice]
    return {
        "principalId": "tester",
        "policyDocument": {"Version": "2012-10-17", "Statement": statements},
        "context": {"who": "policy", "event": json.dumps(event)},
    }


def fails(event, context):
    raise RuntimeError("the authorizer is broken")


def malformed(event, context):
    return {"isAuthorized": "yes"}


def slow(event, context):
    time.sleep(5)  # beyond the function's 1 s timeout
    return {"isAuthorized": True}
