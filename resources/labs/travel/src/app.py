"""The travel guide's resolvers: one function behind getAllDestinations, getDestination and
addActivity (AppSync direct Lambda resolvers: the event names the field in info.fieldName).

The destinations are built in; activities that travellers add are kept in a JSON file so that
every warm worker of the function sees them (a real deployment would use a DynamoDB table).
Standard library only.
"""
import fcntl
import json
import os
import tempfile

DESTINATIONS = {
    "Lisbon": {"activities": ["Tram 28", "Pasteis de nata in Belem"], "hotels": ["Hotel Avenida", "Casa do Rio"]},
    "Kyoto": {"activities": ["Fushimi Inari at dawn", "Tea ceremony"], "hotels": ["Ryokan Yachiyo"]},
    "Reykjavik": {"activities": ["Blue Lagoon", "Northern lights tour"], "hotels": ["Hotel Borg", "Kex Hostel"]},
}

# HOME is the emulator's own folder for this lab's workers (gone when the emulator stops), so runs
# and parallel emulators do not share one file the way a fixed name in /tmp would.
STORE = os.environ.get("TRAVEL_ACTIVITIES_FILE") or os.path.join(
    os.environ.get("HOME") or tempfile.gettempdir(), "travel-activities.json")


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
        # Two workers adding at once would each write back what they read and lose the other's
        # activity: read, add and write under one lock.
        with open(STORE + ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            added = _added()
            added.setdefault(name, []).append(args["activity"])
            tmp = STORE + ".tmp%d" % os.getpid()
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(added, f)
            os.replace(tmp, STORE)
        return _destination(name, added)
    raise ValueError("travelFunction does not resolve %s.%s" % (event["info"]["parentTypeName"], field))
