"""RFC 9457 problem documents: the one error format of the API, in the caller's language."""

from __future__ import annotations

import re
from typing import Any

import marshmallow as ma
from flask import request
from flask_babel import gettext, lazy_gettext, lazy_pgettext
from werkzeug.exceptions import HTTPException

PROBLEM_CONTENT_TYPE = "application/problem+json"

# Titles per HTTP status, from the catalogue (source strings are English).
_TITLES = {
    400: lazy_gettext("Bad request"),
    401: lazy_gettext("Authentication required"),
    403: lazy_gettext("You are not allowed to do this"),
    404: lazy_gettext("Not found"),
    405: lazy_gettext("Method not allowed"),
    406: lazy_gettext("Not acceptable"),
    409: lazy_gettext("Conflict"),
    412: lazy_gettext("Precondition failed"),
    413: lazy_gettext("Request too large"),
    415: lazy_gettext("Unsupported media type"),
    422: lazy_gettext("Invalid input"),
    428: lazy_gettext("Precondition required"),
    429: lazy_gettext("Too many requests"),
    500: lazy_gettext("Internal server error"),
}

# Messages of marshmallow and webargs, as templates; `{x}` parts are carried over.
_FIELD_TEMPLATES = [
    lazy_gettext("Missing data for required field."),
    lazy_gettext("Field may not be null."),
    lazy_gettext("Invalid value."),
    lazy_gettext("Not a valid string."),
    lazy_gettext("Not a valid number."),
    lazy_gettext("Not a valid integer."),
    lazy_gettext("Not a valid boolean."),
    lazy_gettext("Not a valid email address."),
    lazy_gettext("Not a valid datetime."),
    lazy_gettext("Not a valid date."),
    lazy_gettext("Not a valid list."),
    lazy_gettext("Not a valid mapping type."),
    lazy_gettext("Invalid input type."),
    lazy_gettext("Invalid type."),
    lazy_gettext("Unknown field."),
    lazy_gettext("Number too large."),
    lazy_gettext("Special numeric values (nan or infinity) are not permitted."),
    lazy_gettext("Invalid JSON body."),
    lazy_gettext("Shorter than minimum length {min}."),
    lazy_gettext("Longer than maximum length {max}."),
    lazy_gettext("Length must be between {min} and {max}."),
    lazy_gettext("Length must be {equal}."),
    lazy_gettext("Must be greater than or equal to {min}."),
    lazy_gettext("Must be less than or equal to {max}."),
    lazy_gettext("Must be greater than or equal to {min} and less than or equal to {max}."),
    lazy_gettext("Must be one of: {choices}."),
    lazy_gettext("String does not match expected pattern."),
    # The services' own messages with values in them.
    lazy_gettext("A need cannot go from {from_status} to {to_status}."),
    lazy_gettext("A background check cannot go from {from_status} to {to_status}."),
    lazy_gettext("No such region: {code}"),
    lazy_gettext("Not a township: {code}"),
    lazy_gettext("Not declared by the volunteer: {skill}"),
    lazy_gettext("Unknown category: {category}"),
    lazy_gettext("A report cannot go from {from_status} to {to_status}."),
    lazy_gettext("Proposal {id} changed since you read it; reload and decide again."),
    lazy_gettext("The place lies outside {region}."),
    lazy_gettext("Files are kept for people up to {age} years old."),
    lazy_gettext("Not a township of the agency's county: {code}"),
    lazy_gettext("Use at least {min} characters."),
]


# Values carried into a message are the API's codes; inside a sentence they are said in the
# reader's language (an unknown value stays as sent). One table per message that names them.
_NEED_STATUS = {
    "open": lazy_pgettext("need status", "open"),
    "proposed": lazy_pgettext("need status", "proposed"),
    "matched": lazy_pgettext("need status", "matched"),
    "fulfilled": lazy_pgettext("need status", "fulfilled"),
    "closed": lazy_pgettext("need status", "closed"),
}
_CHECK_STATE = {
    "registered": lazy_pgettext("background check", "not checked"),
    "pending": lazy_pgettext("background check", "under check"),
    "cleared": lazy_pgettext("background check", "cleared"),
    "rejected": lazy_pgettext("background check", "not cleared"),
    "expired": lazy_pgettext("background check", "expired"),
}
_REPORT_STATUS = {
    "received": lazy_pgettext("report status", "received"),
    "handling": lazy_pgettext("report status", "being handled"),
    "closed": lazy_pgettext("report status", "closed"),
}
_VALUE_LABELS: dict[str, dict[str, Any]] = {
    "A need cannot go from {from_status} to {to_status}.": _NEED_STATUS,
    "A background check cannot go from {from_status} to {to_status}.": _CHECK_STATE,
    "A report cannot go from {from_status} to {to_status}.": _REPORT_STATUS,
}


def _say(template: str, values: dict[str, str]) -> dict[str, str]:
    labels = _VALUE_LABELS.get(template)
    if not labels:
        return values
    return {k: str(labels[v]) if v in labels else v for k, v in values.items()}


def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{\w+\})", template)
    regex = "".join(
        f"(?P<{p[1:-1]}>.+?)" if p.startswith("{") and p.endswith("}") else re.escape(p)
        for p in parts
    )
    return re.compile(f"^{regex}$")


def _source(message: Any) -> str:
    # lazy_gettext keeps the untranslated id on `_args[0]`.
    return str(message._args[0]) if hasattr(message, "_args") else str(message)


_COMPILED = [(_template_regex(_source(t)), _source(t)) for t in _FIELD_TEMPLATES]


def translate_message(message: str) -> str:
    for regex, template in _COMPILED:
        match = regex.match(message)
        if match:
            return gettext(template).format(**_say(template, match.groupdict()))
    return gettext(message)


def translate_errors(errors: Any) -> Any:
    """Translate a marshmallow error tree (dicts of lists of strings) leaf by leaf."""
    if isinstance(errors, dict):
        return {key: translate_errors(value) for key, value in errors.items()}
    if isinstance(errors, list | tuple):
        return [translate_errors(value) for value in errors]
    if isinstance(errors, str):
        return translate_message(errors)
    return errors


def flatten_webargs(messages: dict[str, Any]) -> dict[str, Any]:
    """webargs nests errors under the location (json, query...); keep the fields, and name
    the location only when errors came from several places or concern the whole body
    (`{"json": ["Invalid JSON body."]}`): `errors` is always an object."""
    if len(messages) == 1 and isinstance(next(iter(messages.values())), dict):
        return next(iter(messages.values()))
    merged: dict[str, Any] = {}
    for location, errors in messages.items():
        if isinstance(errors, dict):
            for key, value in errors.items():
                merged[f"{location}.{key}" if location != "json" else key] = value
        else:
            merged[location] = errors
    return merged


def problem(
    status: int,
    *,
    code: str,
    detail: str | None = None,
    errors: Any = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"/problems/{code}",
        "title": str(_TITLES.get(status, lazy_gettext("Error"))),
        "status": status,
        "code": code,
        "instance": request.path,
    }
    if detail:
        body["detail"] = detail
    if errors is not None:
        body["errors"] = translate_errors(errors)
    if extra:
        body.update(extra)
    return body


def http_exception_problem(error: HTTPException) -> tuple[dict[str, Any], int, dict[str, str]]:
    status = error.code or 500
    headers: dict[str, str] = {}
    data = getattr(error, "data", None) or {}
    errors = None
    if "messages" in data:
        errors = flatten_webargs(data["messages"])
    elif "errors" in data:
        errors = data["errors"]
    # Werkzeug's own headers of the error (Allow on a 405), then any the raiser added.
    headers.update({k: v for k, v in error.get_headers() if k.lower() != "content-type"})
    headers.update(data.get("headers") or {})
    detail = data.get("message")
    if detail is None and status == 422:
        detail = gettext("Some fields are invalid; see errors.")
    code = (error.name or "error").lower().replace(" ", "_")
    return problem(status, code=code, detail=detail, errors=errors), status, headers


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details, the body of every error (application/problem+json). Some
    problems add members of their own (a stale proposal's `reason`, a ledger's `rows`)."""

    class Meta:
        unknown = ma.INCLUDE  # documented as extension members allowed

    type = ma.fields.String(
        required=True, metadata={"description": "URI reference naming the problem type"}
    )
    title = ma.fields.String(
        required=True, metadata={"description": "Short summary, in the caller's language"}
    )
    status = ma.fields.Integer(required=True, metadata={"description": "HTTP status code"})
    code = ma.fields.String(
        required=True, metadata={"description": "Stable machine-readable error code"}
    )
    detail = ma.fields.String(metadata={"description": "Explanation, in the caller's language"})
    instance = ma.fields.String(required=True, metadata={"description": "The request path"})
    field = ma.fields.String(metadata={"description": "The field a conflict concerns"})
    reason = ma.fields.String(metadata={"description": "Why a proposal is stale"})
    from_status = ma.fields.String(metadata={"description": "An invalid transition's start"})
    to_status = ma.fields.String(metadata={"description": "An invalid transition's target"})
    errors = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.Raw(),
        metadata={
            "description": "What is wrong with each field (400, 422): the field's name (dotted "
            "inside a body; `_schema` for the whole body, `json` for an unreadable one) to a "
            "list of messages, or to the errors of its own fields"
        },
    )
