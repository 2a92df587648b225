"""Schemathesis hooks for the contract run against the local stack (test/e2e/contract.test.ts).

Two jobs, both in `before_call`, just before a request goes out:

1. Every request goes to 127.0.0.1 (the local stack), or the run stops; every webhook URL in a body, in any
   case, is pointed at a closed loopback port, so that no job the run makes ever calls a host on the internet
   (the executor would fire it).
2. A *positive* case (one the document says is valid) is given what JSON Schema cannot say about it, so that
   "valid data is accepted" tests the contract and not hypothesis's luck with cron syntax:
   - a schedule that parses and fires only years from now (the document's `expression` is a free string;
     its grammar, date arithmetic and "would never fire" are the API's to check), in a zone that exists;
   - headers the API reserves left out of webhook targets;
   - the cross-field rules: FIFO queues need a message group and standard ones refuse it, maxDelaySeconds is
     at least initialDelaySeconds, an EventBridge source is not AWS's (`aws.`), redrive takes limit or ids;
   - no generated `cursor`: only a nextCursor the list returned is one (any other is a 400 invalid_cursor).
Negative cases are otherwise sent as generated.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urlparse

import schemathesis

LOOPBACK = {"127.0.0.1"}
CLOSED_PORT_URL = "http://127.0.0.1:40999/contract"
SCHEDULES = [
    {"expression": "cron(0 3 1 1 ? 2099)"},
    {"expression": "at(2099-01-01T00:00:00)"},
    {"expression": "rate(7 days)", "startAt": "2099-01-01T00:00:00Z"},
    {"expression": "0 4 1 1 *"},
]
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]
RESERVED_HEADERS = {
    "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te",
    "trailer", "upgrade", "http2-settings", "transfer-encoding", "content-length", "expect", "host",
    "idempotency-key", "forwarded", "via", "x-real-ip",
}
RESERVED_PREFIXES = ("x-scheduler-", "webhook-", "x-amzn-", "x-forwarded-")


def _pick(options: list, seed: object):
    digest = hashlib.sha256(json.dumps(seed, sort_keys=True, default=str).encode()).digest()
    return options[digest[0] % len(options)]


def _schedule(schedule: object) -> dict:
    chosen = dict(_pick(SCHEDULES, schedule))
    zone = schedule.get("timezone") if isinstance(schedule, dict) else None
    chosen["timezone"] = zone if zone in ZONES else _pick(ZONES, schedule)
    return chosen


def _away_from_the_internet(body: object) -> None:
    """Any webhook URL that could reach a host, in any case (a negative one the API wrongly took included)."""
    target = body.get("target") if isinstance(body, dict) else None
    url = target.get("url") if isinstance(target, dict) else None
    if isinstance(url, str) and urlparse(url).scheme in ("http", "https") and len(url) <= 2048:
        target["url"] = CLOSED_PORT_URL


def _target(target: object) -> None:
    if not isinstance(target, dict):
        return
    kind = target.get("type")
    if kind == "http":
        target["url"] = CLOSED_PORT_URL
        headers = target.get("headers")
        if isinstance(headers, dict):
            seen: set[str] = set()
            for name in list(headers):
                lower = name.lower()
                if lower in RESERVED_HEADERS or lower.startswith(RESERVED_PREFIXES) or lower in seen:
                    del headers[name]
                seen.add(lower)
    elif kind == "sqs":
        fifo = str(target.get("queueArn", "")).endswith(".fifo")
        if fifo and "messageGroupId" not in target:
            target["messageGroupId"] = "contract"
        if not fifo:
            target.pop("messageGroupId", None)
    elif kind == "eventbridge" and str(target.get("source", "")).startswith("aws."):
        target["source"] = "contract." + target["source"]


def _retry_policy(policy: object) -> None:
    if isinstance(policy, dict) and isinstance(policy.get("initialDelaySeconds"), (int, float)):
        policy["maxDelaySeconds"] = max(policy["initialDelaySeconds"], policy.get("maxDelaySeconds", 300))


@schemathesis.hook
def before_call(context, case, kwargs):
    url = kwargs.get("url") or case.operation.base_url or ""
    host = urlparse(url).hostname
    if host not in LOOPBACK:
        raise RuntimeError(f"the contract run only talks to 127.0.0.1, not {url!r}")
    _away_from_the_internet(case.body)
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    if isinstance(case.query, dict):
        case.query.pop("cursor", None)
    body = case.body
    if not isinstance(body, dict):
        return
    if "schedule" in body:
        body["schedule"] = _schedule(body["schedule"])
    _target(body.get("target"))
    _retry_policy(body.get("retryPolicy"))
    if "limit" in body and "ids" in body:
        del body["ids"]
