"""Sends one HTTP request signed by botocore's SigV4Auth (the AWS SDK for Python's signer, not
Gatehouse's) and prints the answer as JSON: {"status": ..., "body": ...}.

usage: sigv4_request.py METHOD URL REGION ACCESS_KEY SECRET_KEY [SESSION_TOKEN]
The request body, if any, is read from stdin. Loopback only: the URL is the emulator's.
"""
import json
import sys
import urllib.error
import urllib.request

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

method, url, region, access_key, secret_key = sys.argv[1:6]
token = sys.argv[6] if len(sys.argv) > 6 else None
body = sys.stdin.buffer.read()
headers = {"Content-Type": "application/json"} if body else {}
request = AWSRequest(method=method, url=url, data=body, headers=headers)
SigV4Auth(Credentials(access_key, secret_key, token), "execute-api", region).add_auth(request)
prepared = urllib.request.Request(url, data=body or None, method=method, headers=dict(request.headers.items()))
try:
    with urllib.request.urlopen(prepared, timeout=60) as response:
        status, text = response.status, response.read()
        error_type = response.headers.get("x-amzn-ErrorType")
except urllib.error.HTTPError as error:
    status, text = error.code, error.read()
    error_type = error.headers.get("x-amzn-ErrorType")
print(json.dumps({"status": status, "body": text.decode("utf-8"), "errorType": error_type}))
