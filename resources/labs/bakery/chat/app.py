"""The bakery's WebSocket chat: one function behind $connect, $disconnect and sendmessage.

Connections are kept in a JSON file in the function's home folder (on AWS this would be a
DynamoDB table: a Lambda's disk is not shared between its instances). A message reaches every
client through the API Gateway Management API (@connections), signed with SigV4 by the small
signer below, since boto3 is not available everywhere the lab runs.
"""
import concurrent.futures
import datetime
import fcntl
import functools
import hashlib
import hmac
import http.client
import json
import os
import threading
import urllib.parse

STORE = os.path.join(os.environ.get("HOME", "/tmp"), "bakery-chat-connections.json")


def _update(change):
    # Several workers may run at once: the lock keeps one read-change-write at a time.
    with open(STORE, "a+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        f.seek(0)
        text = f.read()
        data = json.loads(text) if text else {}
        result = change(data)
        f.seek(0)
        f.truncate()
        json.dump(data, f)
        return result


@functools.lru_cache(maxsize=4)
def _signing_key(secret_key, day, region):
    # The key depends only on the secret, the day and the region, so SDKs derive it once a
    # day rather than with four HMACs per request.
    key = ("AWS4" + secret_key).encode()
    for part in (day, region, "execute-api", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def _sign(method, url, body, region):
    # On AWS the function's role gives AWS_*; the emulator's workers get the CHAT_* pair.
    access_key = os.environ.get("AWS_ACCESS_KEY_ID") or os.environ["CHAT_ACCESS_KEY_ID"]
    secret_key = os.environ.get("AWS_SECRET_ACCESS_KEY") or os.environ["CHAT_SECRET_ACCESS_KEY"]
    token = os.environ.get("AWS_SESSION_TOKEN")
    parts = urllib.parse.urlsplit(url)
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    day = amz_date[:8]
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
    key = _signing_key(secret_key, day, region)
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


# Like boto3's default pool (max_pool_connections=10): several keep-alive connections post at
# once, so one slow answer does not hold up the rest of the broadcast.
SENDERS = 8


def _management_connection(ctx):
    parts = urllib.parse.urlsplit(_management_url(ctx, "x"))
    if parts.scheme == "https":
        return http.client.HTTPSConnection(parts.netloc, timeout=5)
    return http.client.HTTPConnection(parts.netloc, timeout=5)


def _post(connection, ctx, connection_id, data):
    url = _management_url(ctx, connection_id)
    headers = _sign("POST", url, data, os.environ.get("AWS_REGION", "us-east-1"))
    connection.request("POST", urllib.parse.urlsplit(url).path, body=data, headers=headers)
    response = connection.getresponse()
    answer = response.read()
    if response.status not in (200, 410):
        raise RuntimeError("@connections answered %d: %s" % (response.status, answer.decode()))
    return response.status


def _post_to_all(ctx, connection_ids, data):
    """POSTs data to every connection; returns the ids that are gone (410)."""
    local = threading.local()
    opened = []
    opened_lock = threading.Lock()

    def post_one(connection_id):
        # Each sender thread keeps its own keep-alive connection: a new TCP connection per
        # client costs more than the POST itself (measured with gatehouse-bench ws-broadcast).
        if not hasattr(local, "connection"):
            local.connection = _management_connection(ctx)
            with opened_lock:
                opened.append(local.connection)
        return connection_id, _post(local.connection, ctx, connection_id, data)

    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=SENDERS) as pool:
            return [cid for cid, status in pool.map(post_one, connection_ids) if status == 410]
    finally:
        for connection in opened:
            connection.close()


def _connect(event):
    # The name is optional: without ?name= a customer is "guest".
    name = (event.get("queryStringParameters") or {}).get("name") or "guest"
    connection_id = event["requestContext"]["connectionId"]
    _update(lambda d: d.__setitem__(connection_id, name))
    return {"statusCode": 200}


def _disconnect(event):
    connection_id = event["requestContext"]["connectionId"]
    _update(lambda d: d.pop(connection_id, None))
    return {"statusCode": 200}


def _send_message(event):
    ctx = event["requestContext"]
    try:
        message = json.loads(event.get("body") or "{}").get("message", "")
    except ValueError:
        return {"statusCode": 400, "body": "Send JSON: {\"action\": \"sendmessage\", \"message\": \"...\"}"}
    everyone = _update(lambda d: dict(d))
    data = json.dumps({"from": everyone.get(ctx["connectionId"], "?"), "message": message}).encode()
    gone = _post_to_all(ctx, list(everyone), data)
    if gone:
        # Gone without a $disconnect (a dropped network): forget them, as AWS's sample does.
        _update(lambda d: [d.pop(connection_id, None) for connection_id in gone])
    return {"statusCode": 200}


def lambda_handler(event, context):
    route = event["requestContext"]["routeKey"]
    if route == "$connect":
        return _connect(event)
    if route == "$disconnect":
        return _disconnect(event)
    return _send_message(event)
