def create(event, context):
    return {"order": event.get("item"), "module": __name__}
