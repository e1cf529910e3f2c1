"""The travel guide's resolvers: one function behind getAllDestinations, getDestination and
addActivity (AppSync direct Lambda resolvers: the event names the field in info.fieldName).

The destinations are built in; activities that travellers add are kept in a JSON file so that
every warm worker of the function sees them (a real deployment would use a DynamoDB table).
Standard library only.
"""
import json
import os
import tempfile

DESTINATIONS = {
    "Lisbon": {"activities": ["Tram 28", "Pasteis de nata in Belem"], "hotels": ["Hotel Avenida", "Casa do Rio"]},
    "Kyoto": {"activities": ["Fushimi Inari at dawn", "Tea ceremony"], "hotels": ["Ryokan Yachiyo"]},
    "Reykjavik": {"activities": ["Blue Lagoon", "Northern lights tour"], "hotels": ["Hotel Borg", "Kex Hostel"]},
}

STORE = os.environ.get("TRAVEL_ACTIVITIES_FILE") or os.path.join(tempfile.gettempdir(), "gatehouse-travel-activities.json")


def _added():
    try:
        with open(STORE, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def _destination(name, added):
    base = DESTINATIONS[name]
    return {"name": name, "activities": base["activities"] + added.get(name, []), "hotels": list(base["hotels"])}


def lambda_handler(event, context):
    field = event["info"]["fieldName"]
    args = event.get("arguments") or {}
    added = _added()
    if field == "getAllDestinations":
        return [_destination(name, added) for name in DESTINATIONS]
    if field == "getDestination":
        name = args["name"]
        return _destination(name, added) if name in DESTINATIONS else None
    if field == "addActivity":
        name = args["destination"]
        if name not in DESTINATIONS:
            raise ValueError("Unknown destination %s: choose one of %s" % (name, ", ".join(sorted(DESTINATIONS))))
        who = (event.get("identity") or {}).get("username") or "someone"
        print("%s adds %r to %s" % (who, args["activity"], name))
        added.setdefault(name, []).append(args["activity"])
        tmp = STORE + ".tmp%d" % os.getpid()
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(added, f)
        os.replace(tmp, STORE)
        return _destination(name, added)
    raise ValueError("travelFunction does not resolve %s.%s" % (event["info"]["parentTypeName"], field))
