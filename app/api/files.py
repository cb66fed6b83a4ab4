"""Answering a generated file (a report, a printed document) as a download or inline."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import make_response


def file_response(content: bytes, mimetype: str, filename: str, *, inline: bool = False) -> Any:
    """`content` with its type and an RFC 6266 file name (ASCII fallback and UTF-8); never
    cached, since documents hold personal data."""
    response = make_response(content)
    response.mimetype = mimetype
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "")
    disposition = "inline" if inline else "attachment"
    response.headers["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    response.headers["Cache-Control"] = "no-store"
    return response
