"""What every app does to every request and response for safety: input hygiene, proxies, headers.

- **Control characters** (NUL and the other C0 codes except tab, newline and carriage return) in
  a JSON body, a form or the query string are refused with 422 before any view runs: PostgreSQL
  cannot store NUL, and nobody types the others.
- **Deep JSON** is refused with 400 before it is parsed: a body nested thousands deep would
  exhaust Python's recursion while being decoded.
- **Proxies**: `X-Forwarded-*` headers are believed only when `TRUSTED_PROXY_HOPS` says how many
  proxies stand in front (the compose reverse proxy: 1), and, where `TRUSTED_PROXIES` lists their
  addresses, only on connections from them; otherwise a client could claim any address (and
  dodge the per-address rate limits) or claim TLS it does not have.
- **Headers**: a Content-Security-Policy (scripts and styles from this origin only, no framing),
  nosniff, a Referrer-Policy, and HSTS when the request came over TLS.
"""
from __future__ import annotations

import ipaddress
import re

import orjson
from flask import Flask, current_app, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import BadRequest, UnprocessableEntity
from werkzeug.middleware.proxy_fix import ProxyFix

MAX_JSON_DEPTH = 32
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Every script comes from a file of this origin, Swagger UI's too (shared/web/docs.py).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")


# A JSON string literal (escapes included), and the characters that nest.
STRING_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"?', re.DOTALL)
NESTING = re.compile(r"[\[\]{}]")
# What in a JSON text could decode to a CONTROL character: one itself, or an escape (\b, \f, \u00XX, \u007F).
MAY_HOLD_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\\[bf]|\\u00[01]|\\u007f", re.IGNORECASE)


def json_depth(text: str | bytes) -> int:
    """How deeply arrays and objects nest in a JSON text, found without parsing it.

    The string literals are cut out by a regular expression (C speed), so that only the brackets
    outside them are counted in Python: a per-character loop cost tens of µs per request."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    depth = deepest = 0
    for match in NESTING.finditer(STRING_LITERAL.sub("", text)):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


# Flask's choices (sorted keys, dates as HTTP dates, Decimal and UUID as strings, UTF-8 rather than
# \u escapes), kept: orjson hands dates and dataclasses to Flask's own converter.
ORJSON_OPTIONS = (orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
                  | orjson.OPT_PASSTHROUGH_DATACLASS)


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, with request bodies and answers on orjson (a quarter of the standard library's CPU),
    refusing a body nested deeper than MAX_JSON_DEPTH before decoding it. `dumps` (templates' tojson)
    stays the standard library's: nothing hot calls it."""

    ensure_ascii = False

    def loads(self, s, **kwargs):
        if json_depth(s) > MAX_JSON_DEPTH:
            raise BadRequest(f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep.")
        return super().loads(s, **kwargs) if kwargs else orjson.loads(s)

    def response(self, *args, **kwargs):
        if self.compact is False or (self.compact is None and self._app.debug):
            return super().response(*args, **kwargs)  # indented, for a person reading it
        body = orjson.dumps(self._prepare_response_obj(args, kwargs), default=self.default, option=ORJSON_OPTIONS)
        return self._app.response_class(body + b"\n", mimetype=self.mimetype)


def _control_characters(value, path: str) -> str | None:
    """The path of the first string holding a control character, or None."""
    if isinstance(value, str):
        return path if CONTROL.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _control_characters(key, path) or _control_characters(item, f"{path}.{key}" if path else key)
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _control_characters(item, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


def limit_body(blueprint, max_bytes: int) -> None:
    """Cap request bodies for this blueprint's views: Werkzeug answers 413 before anything parses more."""
    blueprint.max_body_bytes = max_bytes


def _apply_body_limit() -> None:
    blueprint = current_app.blueprints.get(request.blueprint or "")
    limit = getattr(blueprint, "max_body_bytes", None)
    if limit is not None:
        request.max_content_length = limit


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def refuse_control_characters() -> None:
    _apply_body_limit()  # first: nothing below may read a body larger than its blueprint allows
    sources = [request.args.to_dict(flat=False)] if request.query_string else []
    if request.mimetype in FORM_TYPES:  # only then: setting up the form parser costs even on a JSON body
        sources.append(request.form.to_dict(flat=False))
    elif request.is_json and request.content_length:
        body = request.get_json(silent=True)  # here, for every JSON body: Flask's loads refuses a deep one
        if MAY_HOLD_CONTROL.search(request.get_data()):
            sources.append(body)  # walked only when its text may hold one
    for source in sources:
        field = _control_characters(source, "")
        if field is not None:
            field = re.sub(r"\.0$", "", field)  # a single query/form value is a list of one
            error = UnprocessableEntity("The input holds a control character (such as NUL) that no field accepts.")
            error.data = {"messages": {field or "_schema": ["Control characters are not allowed."]},
                          "message": error.description}
            raise error


def content_security_policy(sign_out_origin: str | None) -> str:
    """The policy of every response; the sign-out form's redirect may go on to the identity provider."""
    if not sign_out_origin:
        return CSP
    return CSP.replace("form-action 'self'", f"form-action 'self' {sign_out_origin}")


def add_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", current_app.config["ASN_CSP"])
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


class TrustedProxyFix:
    """Werkzeug's ProxyFix, applied only to connections from the trusted proxies' addresses.

    From any other peer the X-Forwarded-* headers are removed, so nothing downstream believes them.
    """

    def __init__(self, app, hops: int, trusted: str):
        self.app = app
        self.fixed = ProxyFix(app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)
        self.trusted = [ipaddress.ip_network(item, strict=False) for item in trusted.replace(" ", "").split(",") if item]

    def from_proxy(self, peer: str) -> bool:
        if not self.trusted:
            return True
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        return any(address in network for network in self.trusted)

    def __call__(self, environ, start_response):
        if self.from_proxy(environ.get("REMOTE_ADDR", "")):
            return self.fixed(environ, start_response)
        for key in [key for key in environ if key.startswith("HTTP_X_FORWARDED_")]:
            del environ[key]
        return self.app(environ, start_response)


def install(app: Flask, trusted_proxy_hops: int, trusted_proxies: str = "", sign_out_origin: str | None = None) -> None:
    """Wire all of the above into one app."""
    app.config["ASN_CSP"] = content_security_policy(sign_out_origin)
    app.json = BoundedJSONProvider(app)
    if trusted_proxy_hops:
        app.wsgi_app = TrustedProxyFix(app.wsgi_app, trusted_proxy_hops, trusted_proxies)
    app.before_request(refuse_control_characters)
    app.after_request(add_security_headers)
