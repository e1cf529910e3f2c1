"""Gatehouse's Lambda runtime client for Python handlers.

Speaks the Lambda Runtime API (2018-06-01) over one keep-alive connection, loads the handler
named by _HANDLER ("module.function", dotted module paths allowed) from LAMBDA_TASK_ROOT and
reports results and errors in the shapes the AWS Python runtime uses. Standard library only.
"""

import decimal
import importlib
import json
import logging
import os
import socket
import sys
import time
import traceback

ERROR_CONTENT_TYPE = "application/vnd.aws.lambda.error+json"
ERROR_LOG_LINE_TERMINATE = "\r"
ERROR_LOG_IDENT = "\u00a0"
MAX_RESPONSE_BYTES = 6291556

_current_request_id = ""
_FUNCTION_NAME = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
_FUNCTION_VERSION = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
_MEMORY_SIZE = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
_LOG_GROUP_NAME = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
_LOG_STREAM_NAME = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")


class Fault(Exception):
    def __init__(self, error_type, message, trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.trace = trace or []


class RuntimeClient:
    """A minimal HTTP/1.1 client on one keep-alive socket: http.client's header parsing costs
    more than a trivial handler, and the emulator always sends Content-Length."""

    def __init__(self, api):
        authority, _, prefix = api.partition("/")
        host, _, port = authority.rpartition(":")
        self.base = ("/" + prefix if prefix else "") + "/2018-06-01/runtime"
        self.authority = authority
        self.address = (host or "127.0.0.1", int(port))
        self.sock = None
        self.buffer = b""

    def close(self):
        if self.sock is not None:
            self.sock.close()
        self.sock = None
        self.buffer = b""

    def request(self, method, path, body=b"", headers=()):
        head = "%s %s%s HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\n" % (
            method, self.base, path, self.authority, len(body))
        for name, value in headers:
            head += "%s: %s\r\n" % (name, value)
        data = head.encode("latin-1") + b"\r\n" + body
        for attempt in (0, 1):
            try:
                if self.sock is None:
                    self.sock = socket.create_connection(self.address)
                    self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self.sock.sendall(data)
                return self._read_response()
            except OSError:
                self.close()
                if attempt:
                    raise
        raise RuntimeError("unreachable")

    def _recv(self):
        chunk = self.sock.recv(1 << 20)
        if not chunk:
            raise ConnectionError("the Runtime API closed the connection")
        return chunk

    def _read_response(self):
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self._recv()
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        chunks = [rest]
        have = len(rest)
        while have < length:
            chunk = self._recv()
            chunks.append(chunk)
            have += len(chunk)
        data = b"".join(chunks) if len(chunks) > 1 else rest
        body, self.buffer = data[:length], data[length:]
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def next(self):
        return self.request("GET", "/invocation/next")

    def post_response(self, request_id, body):
        return self.request("POST", "/invocation/%s/response" % request_id, body,
                            (("Content-Type", "application/json"),))

    def post_error(self, path, error):
        body = json.dumps(error).encode("utf-8")
        return self.request("POST", path, body, (
            ("Content-Type", ERROR_CONTENT_TYPE),
            ("Lambda-Runtime-Function-Error-Type", error["errorType"]),
        ))


class CognitoIdentity:
    def __init__(self, data):
        self.cognito_identity_id = data.get("cognitoIdentityId")
        self.cognito_identity_pool_id = data.get("cognitoIdentityPoolId")


class Client:
    def __init__(self, data):
        self.installation_id = data.get("installation_id")
        self.app_title = data.get("app_title")
        self.app_version_name = data.get("app_version_name")
        self.app_version_code = data.get("app_version_code")
        self.app_package_name = data.get("app_package_name")


class ClientContext:
    def __init__(self, data):
        client = data.get("client")
        self.client = Client(client) if isinstance(client, dict) else None
        self.custom = data.get("custom")
        self.env = data.get("env")


class LambdaContext:
    def __init__(self, request_id, deadline_ms, function_arn, identity, client_context):
        self.aws_request_id = request_id
        self.invoked_function_arn = function_arn
        self.function_name = _FUNCTION_NAME
        self.function_version = _FUNCTION_VERSION
        self.memory_limit_in_mb = _MEMORY_SIZE
        self.log_group_name = _LOG_GROUP_NAME
        self.log_stream_name = _LOG_STREAM_NAME
        self.identity = CognitoIdentity(identity or {})
        self.client_context = ClientContext(client_context) if client_context else None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(int(self._deadline_ms - time.time() * 1000), 0)

    def __repr__(self):
        return "LambdaContext([aws_request_id=%s,function_name=%s,invoked_function_arn=%s])" % (
            self.aws_request_id, self.function_name, self.invoked_function_arn)


class _Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, decimal.Decimal):
            return int(o) if o == o.to_integral_value() else float(o)
        return super().default(o)


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current_request_id
        return True


def setup_logging():
    logging.Formatter.converter = time.gmtime
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
        "%Y-%m-%dT%H:%M:%S"))
    handler.addFilter(_RequestIdFilter())
    logging.getLogger().addHandler(handler)


def make_error(message, error_type, trace, request_id=None):
    error = {"errorMessage": message or "", "errorType": error_type or ""}
    if request_id is not None:
        error["requestId"] = request_id
    error["stackTrace"] = trace or []
    return error


def log_error(error):
    line = "[ERROR]"
    if error.get("errorType"):
        line += " " + error["errorType"]
    if error.get("errorMessage"):
        line += (":" if error.get("errorType") else "") + " " + error["errorMessage"]
    lines = [line, "Traceback (most recent call last):"]
    for element in error.get("stackTrace") or []:
        for trace_line in element.splitlines():
            stripped = trace_line.lstrip(" ")
            lines.append(ERROR_LOG_IDENT * (len(trace_line) - len(stripped)) + stripped)
    sys.stdout.write(ERROR_LOG_LINE_TERMINATE.join(lines) + "\n")


def user_frames(tb):
    frames = traceback.extract_tb(tb)
    for i, frame in enumerate(frames):
        if not frame.filename.endswith("/bootstrap.py"):
            return frames[i:]
    return []


def load_handler(spec):
    try:
        module_name, function_name = spec.rsplit(".", 1)
    except ValueError as e:
        raise Fault("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (spec, e))
    try:
        if module_name.split(".")[0] in sys.builtin_module_names:
            raise Fault("Runtime.BuiltInModuleConflict",
                        "Cannot use built-in module %s as a handler module" % module_name)
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        raise Fault("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, e))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise Fault("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, e), trace)
    handler = getattr(module, function_name, None)
    if handler is None:
        raise Fault("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return handler


def parse_json_header(value, name):
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError as e:
        raise Fault("Runtime.LambdaContextUnmarshalError", "Unable to parse %s JSON: %s" % (name, e))


def run_handler(handler, request_id, headers, body):
    try:
        event = json.loads(body) if body else None
    except ValueError as e:
        raise Fault("Runtime.UnmarshalError", "Unable to unmarshal input: %s" % e)
    context = LambdaContext(
        request_id,
        int(headers.get("lambda-runtime-deadline-ms") or 0),
        headers.get("lambda-runtime-invoked-function-arn"),
        parse_json_header(headers.get("lambda-runtime-cognito-identity"), "Cognito Identity"),
        parse_json_header(headers.get("lambda-runtime-client-context"), "Client Context"))
    result = handler(event, context)
    if isinstance(result, (bytes, bytearray)):
        return bytes(result)
    try:
        try:
            return json.dumps(result).encode("utf-8")
        except TypeError:
            return json.dumps(result, cls=_Encoder).encode("utf-8")
    except (TypeError, ValueError) as e:
        raise Fault("Runtime.MarshalError", "Unable to marshal response: %s" % e)


def flush_output():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def post_response(client, request_id, payload):
    """Posts the result; when the emulator's HTTP front refuses a body far over Lambda's
    limit before Lambda's own check runs, reports the size error the way Lambda words it."""
    try:
        status = client.post_response(request_id, payload)[0]
    except OSError:
        if len(payload) <= MAX_RESPONSE_BYTES:
            raise
        status = 413
    if status == 413 and len(payload) > MAX_RESPONSE_BYTES:
        message = ("Response payload size (%d bytes) exceeded maximum allowed payload size (%d bytes)."
                   % (len(payload), MAX_RESPONSE_BYTES))
        client.post_error("/invocation/%s/error" % request_id,
                          {"errorMessage": message, "errorType": "Function.ResponseSizeTooLarge"})


def handle(client, handler, headers, body):
    global _current_request_id
    request_id = headers.get("lambda-runtime-aws-request-id")
    _current_request_id = request_id
    trace_id = headers.get("lambda-runtime-trace-id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    error = None
    try:
        payload = run_handler(handler, request_id, headers, body)
    except Fault as fault:
        error = make_error(fault.message, fault.error_type, fault.trace, request_id)
    except Exception as e:
        trace = traceback.format_list(user_frames(sys.exc_info()[2]))
        error = make_error(str(e), type(e).__name__, trace, request_id)
    if error is not None:
        log_error(error)
        flush_output()
        client.post_error("/invocation/%s/error" % request_id, error)
    else:
        flush_output()
        post_response(client, request_id, payload)


def main():
    client = RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"])
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    sys.path.insert(0, task_root)
    setup_logging()
    try:
        handler = load_handler(os.environ.get("_HANDLER", ""))
    except Exception as e:
        if isinstance(e, Fault):
            error = make_error(e.message, e.error_type, e.trace)
        else:
            trace = traceback.format_list(user_frames(sys.exc_info()[2]))
            error = make_error(str(e), type(e).__name__, trace)
        log_error(error)
        flush_output()
        client.post_error("/init/error", error)
        sys.exit(1)
    while True:
        status, headers, body = client.next()
        if status != 200:
            sys.stdout.write("Runtime API answered %d to /invocation/next; stopping\n" % status)
            sys.exit(1)
        handle(client, handler, headers, body)


if __name__ == "__main__":
    main()
