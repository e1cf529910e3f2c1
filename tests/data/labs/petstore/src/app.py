# The Petstore's three operations as the OpenAPI document declares them: listPets (GET /pets,
# optional int32 `limit`, at most 100, x-next when more pets follow), createPets (POST /pets,
# 201 and no body: the operation has no request body to create a pet from) and showPetById
# (GET /pets/{petId}; its 200 schema is Pets, an array, so the one pet comes in a list).
# Every failure is the document's Error {code, message} under its `default` response.
import json

PETS = [
    {"id": 1, "name": "Rex", "tag": "dog"},
    {"id": 2, "name": "Tom", "tag": "cat"},
    {"id": 3, "name": "Nemo"},  # tag is optional in Pet
    {"id": 9007199254740993, "name": "Big", "tag": "int64"},  # beyond 2^53: int64, not a double
]


def answer(status, body=None, headers=None):
    response = {"statusCode": status, "headers": dict(headers or {})}
    if body is None:
        response["body"] = ""
    else:
        response["headers"]["Content-Type"] = "application/json"
        response["body"] = json.dumps(body)
    return response


def error(status, message):
    return answer(status, {"code": status, "message": message})


def list_pets(event):
    query = event.get("queryStringParameters") or {}
    limit = 100
    if "limit" in query:
        try:
            limit = int(query["limit"])
        except ValueError:
            return error(400, "limit must be an integer from 1 to 100, not '%s'" % query["limit"])
        if not 1 <= limit <= 100:
            return error(400, "limit must be an integer from 1 to 100, not %d" % limit)
    headers = {}
    if limit < len(PETS):
        headers["x-next"] = "/v1/pets?limit=%d&after=%d" % (limit, PETS[limit - 1]["id"])
    return answer(200, PETS[:limit], headers)


def show_pet(event):
    pet_id = (event.get("pathParameters") or {}).get("petId", "")
    for pet in PETS:
        if str(pet["id"]) == pet_id:
            return answer(200, [pet])
    return error(404, "no pet has the id '%s'" % pet_id)


def lambda_handler(event, context):
    route = event.get("routeKey")
    if route == "GET /pets":
        return list_pets(event)
    if route == "POST /pets":
        return answer(201)
    if route == "GET /pets/{petId}":
        return show_pet(event)
    return error(404, "no operation for %s" % route)
