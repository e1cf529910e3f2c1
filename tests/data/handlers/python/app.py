import json
import os
import subprocess
import sys
import time

print("app module loaded")


def echo(event, context):
    if "line" in event:
        print(event["line"])
    if "child" in event:
        child = subprocess.Popen(["sleep", "30"])
        print("child pid", child.pid)
    if "sleep" in event:
        time.sleep(event["sleep"])
    if "exit" in event:
        sys.stdout.flush()
        os._exit(event["exit"])
    return {
        "event": event,
        "requestId": context.aws_request_id,
        "functionName": context.function_name,
        "functionVersion": context.function_version,
        "arn": context.invoked_function_arn,
        "memory": context.memory_limit_in_mb,
        "logGroup": context.log_group_name,
        "remainingMs": context.get_remaining_time_in_millis(),
        "identityId": context.identity.cognito_identity_id,
        "clientCustom": context.client_context.custom if context.client_context else None,
        "pid": os.getpid(),
        "cwd": os.getcwd(),
        "env": {name: os.environ.get(name) for name in (
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "TZ",
            "LAMBDA_TASK_ROOT", "AWS_SECRET_ACCESS_KEY", "GATEHOUSE_TEST_SECRET", "BAKERY_NAME",
            "_X_AMZN_TRACE_ID")},
    }


def fail(event, context):
    raise ValueError("the bakery is closed")


def big(event, context):
    return "x" * (7 * 1024 * 1024)


def unserialisable(event, context):
    return {"items": {1, 2}}


def ping(event, context):
    return {"ok": True}


def huge(event, context):
    return "x" * (20 * 1024 * 1024)
