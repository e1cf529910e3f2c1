"""Checks a HAR file gatehouse wrote: HAR 1.2 keys, the exchange's method and status, and
that no secret given on the command line appears anywhere in it.

usage: check_har.py FILE METHOD STATUS SECRET...
Prints "ok" or the first problem, and exits 0 or 1.
"""
import json
import sys


def main():
    path, method, status, secrets = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    text = open(path, encoding="utf-8").read()
    log = json.loads(text)["log"]
    assert log["version"] == "1.2", log["version"]
    assert log["creator"]["name"] == "Gatehouse"
    assert len(log["entries"]) == 1
    entry = log["entries"][0]
    for key in ("startedDateTime", "time", "request", "response", "cache", "timings"):
        assert key in entry, key
    request, response = entry["request"], entry["response"]
    for key in ("method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize"):
        assert key in request, "request." + key
    for key in ("status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL",
                "headersSize", "bodySize"):
        assert key in response, "response." + key
    assert request["method"] == method, request["method"]
    assert response["status"] == status, response["status"]
    assert "size" in response["content"] and "mimeType" in response["content"]
    for header in request["headers"]:
        if header["name"].lower() in ("authorization", "cookie", "x-api-key"):
            assert header["value"] == "[redacted]", header
    for secret in secrets:
        assert secret not in text, "secret found: " + secret
    print("ok")


if __name__ == "__main__":
    try:
        main()
    except (AssertionError, KeyError, ValueError) as problem:
        print("HAR check failed: %r" % (problem,))
        sys.exit(1)
