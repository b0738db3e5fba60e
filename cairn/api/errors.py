"""Every refusal the API gives is JSON with a message, naming the field where there is one."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from cairn.core.refusals import Refused


def field_name(loc: Sequence[Any]) -> str:
    """("body", "payload", "ratings", 0, "value") → "ratings[0].value"."""
    parts = list(loc)
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:]
        if len(parts) > 1 and parts[0] == "payload":
            parts = parts[1:]
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += f".{part}" if name else str(part)
    return name or "body"


def _validation_message(error: dict[str, Any]) -> str:
    if error.get("type") == "extra_forbidden":
        return "is not a field Cairn knows; please leave it out."
    if error.get("type") == "missing":
        return "is required."
    return str(error.get("msg", "is not valid."))


def install(api: NinjaAPI) -> None:
    def problem(status: int, message: str, errors: list[dict[str, str]] | None = None) -> Any:
        def respond(request: HttpRequest) -> HttpResponse:
            body: dict[str, Any] = {"message": message}
            if errors is not None:
                body["errors"] = errors
            return api.create_response(request, body, status=status)

        return respond

    @api.exception_handler(ValidationError)
    def validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"field": field_name(e.get("loc", ())), "message": _validation_message(e)}
            for e in exc.errors
        ]
        first = errors[0] if errors else {"field": "body", "message": "is not valid."}
        return problem(422, f"{first['field']}: {first['message']}", errors)(request)

    @api.exception_handler(Refused)
    def refused(request: HttpRequest, exc: Refused) -> HttpResponse:
        """Input that parsed but a service would not save (nothing was): the field, then
        the words the page gives. "body" when it is the input as a whole."""
        field = exc.field or "body"
        return problem(422, f"{field}: {exc.message}", [{"field": field, "message": exc.message}])(
            request
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = problem(
            401,
            "A valid token is needed: send `Authorization: Bearer <token>`. "
            "Tokens that have expired or been revoked no longer work.",
        )(request)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(exc.status_code, str(exc))(request)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(404, "Not found.")(request)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problem(403, str(exc) or "You may read this but not change it.")(request)
