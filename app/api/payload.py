"""Reading and writing JSON at the edge, for every body and every route: a bounded nesting
depth, text a database can store, and responses that always encode.

One reader serves both Flask (`request.get_json`) and the webargs parser behind every
`@blp.arguments`, so no request body reaches a view or a service without these checks.
"""

from __future__ import annotations

import json
import re
from typing import Any

from flask.json.provider import DefaultJSONProvider
from webargs import core
from webargs.flaskparser import FlaskParser, abort, is_json_request

from app.services.validation import (  # noqa: F401 (re-exported)
    BAD_TEXT,
    bad_text_paths,
    has_bad_text,
    safe_text,
)

# Deeper than any body of this API (the deepest is 4); the limit keeps recursion bounded.
MAX_DEPTH = 32

INVALID_JSON = "Invalid JSON body."
TOO_DEEP = "The JSON body is nested too deeply."


class InvalidPayload(ValueError):
    """A body that is not JSON, or nested deeper than MAX_DEPTH."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def loads(data: str | bytes) -> Any:
    """Parse a request body; `InvalidPayload` (a ValueError) when it is not acceptable JSON."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes | bytearray) else data
        value = json.loads(text)
    except RecursionError:
        raise InvalidPayload(TOO_DEEP) from None
    except (ValueError, TypeError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise InvalidPayload(INVALID_JSON) from None
    if depth(value) > MAX_DEPTH:
        raise InvalidPayload(TOO_DEEP)
    return value


def depth(value: Any) -> int:
    """Nesting depth of a parsed JSON value, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, level)
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, level)
            stack.extend((v, level + 1) for v in item)
    return deepest


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON: the same reader as the arguments parser, and output that encodes even
    when a string holds a lone surrogate (it is written as a \\u escape)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return loads(s)

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        text = super().dumps(obj, **kwargs)
        if kwargs.get("ensure_ascii", self.ensure_ascii) or not re.search(r"[\ud800-\udfff]", text):
            return text
        return super().dumps(obj, **{**kwargs, "ensure_ascii": True})


class ArgumentsParser(FlaskParser):
    """webargs for every `@blp.arguments`: bodies through `loads`, and text a database cannot
    store refused as a 422 naming the field, wherever it sits in the body. Unknown query
    parameters are refused too (a misspelt filter must not quietly return everything);
    the pagination parameters are read by flask-smorest's own parser."""

    DEFAULT_UNKNOWN_BY_LOCATION = {
        **FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION,
        "query": None,  # the schema's own: StrictSchema raises
        "querystring": None,
    }
    PAGINATION = frozenset({"page", "page_size"})

    def load_querystring(self, req: Any, schema: Any) -> Any:
        from werkzeug.datastructures import MultiDict

        args = MultiDict(
            (key, value) for key, value in req.args.items(multi=True) if key not in self.PAGINATION
        )
        return self._makeproxy(args, schema)

    def _raw_load_json(self, req: Any) -> Any:
        if not is_json_request(req):
            return core.missing
        data = req.get_data(cache=True)
        if not data:
            return core.missing
        try:
            value = loads(data)
        except InvalidPayload as exc:
            abort(400, messages={"json": [exc.message]})
        bad = bad_text_paths(value)
        if bad:
            abort(422, messages={"json": {path: [BAD_TEXT] for path in bad}})
        return value
