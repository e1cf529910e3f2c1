"""The travel guide's resolvers: one function behind getAllDestinations and getDestination
(AppSync direct Lambda resolvers: the event names the field in info.fieldName), and the first
step of the addActivity pipeline, which checks the destination before the activity is written.

The destinations, their hotels and the guide's own picks of activities are built in; the
activities travellers add live in the lab's DynamoDB table, which AppSync reads and writes with
VTL resolvers (template.yaml). Standard library only.
"""

DESTINATIONS = {
    "Lisbon": {"activities": ["Tram 28", "Pasteis de nata in Belem"], "hotels": ["Hotel Avenida", "Casa do Rio"]},
    "Kyoto": {"activities": ["Fushimi Inari at dawn", "Tea ceremony"], "hotels": ["Ryokan Yachiyo"]},
    "Reykjavik": {"activities": ["Blue Lagoon", "Northern lights tour"], "hotels": ["Hotel Borg", "Kex Hostel"]},
}


def _destination(name):
    # "activities" holds the guide's picks; the Destination.activities resolver adds the table's.
    base = DESTINATIONS[name]
    return {"name": name, "activities": list(base["activities"]), "hotels": list(base["hotels"])}


def lambda_handler(event, context):
    field = event["info"]["fieldName"]
    args = event.get("arguments") or {}
    if field == "getAllDestinations":
        return [_destination(name) for name in DESTINATIONS]
    if field == "getDestination":
        name = args["name"]
        return _destination(name) if name in DESTINATIONS else None
    if field == "addActivity":
        # The pipeline's checkDestination step: the next step (putActivity) writes the item.
        name = args["destination"]
        if name not in DESTINATIONS:
            raise ValueError("Unknown destination %s: choose one of %s" % (name, ", ".join(sorted(DESTINATIONS))))
        who = (event.get("identity") or {}).get("username") or "someone"
        print("%s adds %r to %s" % (who, args["activity"], name))
        return _destination(name)
    raise ValueError("travelFunction does not resolve %s.%s" % (event["info"]["parentTypeName"], field))
