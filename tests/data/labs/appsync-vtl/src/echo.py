"""vtlEchoFunction: answers what its Invoke template sent, so a test sees the payload AppSync
built from the request mapping template (a list for BatchInvoke: one answer per payload)."""


def handler(event, context):
    if isinstance(event, list):
        return [dict(item, word="batched " + item["word"]) for item in event]
    return event
