"""Bakery lab: the kitchen (GET /kitchen) and the delivery desk (GET /deliveries).

Neither route checks anything itself: API Gateway already did. GET /kitchen is behind a Lambda
authorizer, whose context arrives in event["requestContext"]["authorizer"]["lambda"]; GET
/deliveries needs a SigV4-signed request (AWS_IAM), and who signed it arrives in
event["requestContext"]["authorizer"]["iam"] (userArn, accessKey, cognitoIdentity...).
"""

import json

BAKES = ["sourdough loaf", "croissant", "cinnamon roll"]


def lambda_handler(event, context):
    authorizer = event.get("requestContext", {}).get("authorizer", {})
    if "lambda" in authorizer:
        staff = authorizer["lambda"] or {}
        body = {"room": "kitchen", "staff": staff, "baking": BAKES}
    elif "iam" in authorizer:
        caller = authorizer["iam"]
        body = {"room": "deliveries", "signedBy": caller.get("userArn"),
                "identityId": (caller.get("cognitoIdentity") or {}).get("identityId"),
                "caller": caller,
                "deliveries": [{"to": "Corner Café", "items": 12}]}
    else:
        return {"statusCode": 403, "body": json.dumps({"message": "no authorizer in front of me"})}
    print(f"{body['room']}: {context.aws_request_id}")
    return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}
