"""Bakery lab: the signed-in customer's orders (GET /orders).

The route has a JWT authorizer (CognitoAuthorizer in template.yaml): API Gateway checks the
user pool token before this function runs and passes the token's claims in
event["requestContext"]["authorizer"]["jwt"]["claims"], every value as a string. Who is
calling comes from there, never from the request itself.
"""

import hashlib
import json

MENU = [
    "sourdough loaf",
    "croissant",
    "cinnamon roll",
    "rye and caraway loaf",
    "lemon tart",
    "almond biscotti",
]
STATUSES = ["ordered", "baking", "ready"]


def orders_for(sub):
    """A small, fixed order book per customer, made up from the user's "sub" claim.

    Both ID and access tokens carry "sub", and it never changes for a user (an email may),
    so a real bakery would key its orders table by it.
    """
    digest = hashlib.sha256(sub.encode()).digest()
    return [
        {
            "id": f"o-{1000 + int.from_bytes(digest[2 * i:2 * i + 2], 'big') % 9000}",
            "item": MENU[digest[10 + i] % len(MENU)],
            "quantity": 1 + digest[20 + i] % 6,
            "status": STATUSES[digest[26 + i] % len(STATUSES)],
        }
        for i in range(1 + digest[31] % 3)
    ]


def lambda_handler(event, context):
    jwt = event.get("requestContext", {}).get("authorizer", {}).get("jwt", {})
    claims = jwt.get("claims", {})
    sub = claims.get("sub")
    if not sub:
        # Only a route without the authorizer (or a direct invocation) gets here.
        return {"statusCode": 401, "body": json.dumps({"message": "sign in first"})}
    orders = orders_for(sub)
    # ID tokens carry the email; access tokens the user name (the sub, in this pool).
    customer = claims.get("email") or claims.get("username") or sub
    print(f"{len(orders)} orders for {customer} ({claims.get('token_use', '?')} token)")
    body = {
        "customer": customer,
        "sub": sub,
        "tokenUse": claims.get("token_use"),
        "scopes": jwt.get("scopes"),
        "orders": orders,
        "requestId": context.aws_request_id,
    }
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body),
    }
