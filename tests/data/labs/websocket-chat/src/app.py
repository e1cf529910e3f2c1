"""WebSocket chat handlers for the Gatehouse emulator and for AWS.

Connections are kept in a JSON file (on AWS this would be a DynamoDB table). Messages reach
other clients through the API Gateway Management API (@connections), signed with SigV4 by the
small signer below, since boto3 is not available everywhere the lab runs.
"""
import datetime
import fcntl
import hashlib
import hmac
import json
import os
import urllib.error
import urllib.parse
import urllib.request

STORE = os.path.join(os.environ.get("HOME", "/tmp"), "chat-connections.json")
# The last DISCONNECT event, so the test can compare it with AWS's sample.
DISCONNECTS = os.path.join(os.environ.get("HOME", "/tmp"), "chat-disconnects.json")


def _update(change, path=STORE):
    with open(path, "a+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        f.seek(0)
        text = f.read()
        data = json.loads(text) if text else {}
        result = change(data)
        f.seek(0)
        f.truncate()
        json.dump(data, f)
        return result


def _sign(method, url, body, region):
    access_key = os.environ.get("AWS_ACCESS_KEY_ID") or os.environ["CHAT_ACCESS_KEY_ID"]
    secret_key = os.environ.get("AWS_SECRET_ACCESS_KEY") or os.environ["CHAT_SECRET_ACCESS_KEY"]
    token = os.environ.get("AWS_SESSION_TOKEN")
    parts = urllib.parse.urlsplit(url)
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    day = now.strftime("%Y%m%d")
    headers = {"host": parts.netloc, "x-amz-date": amz_date}
    if token:
        headers["x-amz-security-token"] = token
    signed = ";".join(sorted(headers))
    # SigV4 for services other than S3 encodes the (already encoded) path once more.
    canonical_uri = urllib.parse.quote(parts.path, safe="/-_.~")
    canonical = "\n".join([
        method, canonical_uri, parts.query,
        "".join("%s:%s\n" % (k, headers[k]) for k in sorted(headers)),
        signed, hashlib.sha256(body).hexdigest()])
    scope = "%s/%s/execute-api/aws4_request" % (day, region)
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                         hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + secret_key).encode()
    for part in (day, region, "execute-api", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = ("AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s"
                                % (access_key, scope, signed, signature))
    return headers


def _management_url(ctx, connection_id):
    # In the emulator AWS_ENDPOINT_URL points at it; on AWS the API's own domain serves it.
    endpoint = os.environ.get("AWS_ENDPOINT_URL")
    if endpoint:
        base = "%s/_aws/execute-api/%s/%s" % (endpoint.rstrip("/"), ctx["apiId"], ctx["stage"])
    else:
        base = "https://%s/%s" % (ctx["domainName"], ctx["stage"])
    return base + "/@connections/" + urllib.parse.quote(connection_id, safe="")


def post_to_connection(ctx, connection_id, data):
    url = _management_url(ctx, connection_id)
    headers = _sign("POST", url, data, os.environ.get("AWS_REGION", "us-east-1"))
    request = urllib.request.Request(url, data=data, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        if error.code != 410:
            raise RuntimeError("@connections answered %d: %s" % (error.code, error.read().decode()))
        return error.code


def connect(event, context):
    name = (event.get("queryStringParameters") or {}).get("name")
    if not name:
        return {"statusCode": 400, "body": "Add ?name=<your name> to the URL."}
    connection_id = event["requestContext"]["connectionId"]
    _update(lambda d: d.__setitem__(connection_id, {"name": name, "connect": event}))
    return {"statusCode": 200}


def disconnect(event, context):
    connection_id = event["requestContext"]["connectionId"]
    _update(lambda d: d.pop(connection_id, None))
    _update(lambda d: d.__setitem__("last", event), DISCONNECTS)
    return {"statusCode": 200}


def send_message(event, context):
    ctx = event["requestContext"]
    message = json.loads(event["body"]).get("message", "")
    everyone = _update(lambda d: dict(d))
    sender = everyone.get(ctx["connectionId"], {}).get("name", "?")
    data = json.dumps({"from": sender, "message": message}).encode()
    for connection_id in everyone:
        if post_to_connection(ctx, connection_id, data) == 410:
            _update(lambda d: d.pop(connection_id, None))  # gone: forget it, as AWS's sample does
    return {"statusCode": 200}


def echo(event, context):
    ctx = event["requestContext"]
    if ctx["routeKey"] == "connectevent":
        stored = _update(lambda d: d.get(ctx["connectionId"], {}).get("connect"))
        return {"statusCode": 200, "body": json.dumps(stored)}
    if ctx["routeKey"] == "disconnectevent":
        return {"statusCode": 200, "body": json.dumps(_update(lambda d: d.get("last"), DISCONNECTS))}
    return {"statusCode": 200, "body": json.dumps({"route": ctx["routeKey"], "event": event})}
