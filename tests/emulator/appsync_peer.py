"""A GraphQL client Gatehouse did not write, for the emulator's AppSync endpoint: Python's urllib,
with the request signed by botocore's SigV4Auth (service "appsync") or carrying an API key.

usage: appsync_peer.py (apikey|iam) URL REGION
The GraphQL request body (JSON) is read from stdin; the API key (apikey) or the access key
pair (iam) come from the environment (GATEHOUSE_API_KEY, AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY), never from argv. Prints {"status": ..., "body": ...}. Loopback only.
"""
import json
import os
import sys
import urllib.error
import urllib.request

mode, url, region = sys.argv[1:4]
body = sys.stdin.buffer.read()
headers = {"Content-Type": "application/json"}
if mode == "apikey":
    headers["x-api-key"] = os.environ["GATEHOUSE_API_KEY"]
else:
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    request = AWSRequest(method="POST", url=url, data=body, headers=headers)
    credentials = Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"])
    SigV4Auth(credentials, "appsync", region).add_auth(request)
    headers = dict(request.headers.items())
prepared = urllib.request.Request(url, data=body, method="POST", headers=headers)
try:
    with urllib.request.urlopen(prepared, timeout=60) as response:
        status, text = response.status, response.read()
except urllib.error.HTTPError as error:
    status, text = error.code, error.read()
print(json.dumps({"status": status, "body": text.decode("utf-8")}))
