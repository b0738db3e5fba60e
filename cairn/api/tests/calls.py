"""Calls a test makes to the API, by URL name."""

import json

from django.urls import reverse


def api(name: str, *args: object) -> str:
    return reverse(f"api:{name}", args=args)


def post(client, url, body, headers):
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)
