"""Recomputes an AppSync real-time IAM authorization object with botocore's SigV4Auth, the
signer of the AWS CLI and boto3, so tst_graphqltransport compares Gatehouse's signature with
one Gatehouse did not compute. Reads one JSON object on stdin:
{"url", "body", "region", "accessKey", "secretKey", "token", "amzDate"}; prints the
Authorization header value botocore computes for POST url with AppSync's constant headers."""
import json
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

given = json.load(sys.stdin)
credentials = Credentials(given["accessKey"], given["secretKey"], given.get("token") or None)
request = AWSRequest(method="POST", url=given["url"], data=given["body"].encode("utf-8"))
request.headers["accept"] = "application/json, text/javascript"
request.headers["content-encoding"] = "amz-1.0"
request.headers["content-type"] = "application/json; charset=UTF-8"
request.headers["X-Amz-Date"] = given["amzDate"]
if credentials.token:
    request.headers["X-Amz-Security-Token"] = credentials.token
request.context["timestamp"] = given["amzDate"]
auth = SigV4Auth(credentials, "appsync", given["region"])
canonical = auth.canonical_request(request)
string_to_sign = auth.string_to_sign(request, canonical)
signature = auth.signature(string_to_sign, request)
signed = auth.signed_headers(auth.headers_to_sign(request))
print("AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s"
      % (credentials.access_key, auth.credential_scope(request), signed, signature))
