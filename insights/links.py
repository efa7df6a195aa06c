"""Links from each figure of the metrics pages to the staff queue, filtered to its cases.

The queue's parameters are workspace's (workspace/forms.py QueueFilterForm); this
module only writes URLs by name, so the domain does not import the door.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from insights.metrics import MetricRow

# measure -> the queue parameters beside the row's own filters ("{}" gets the range)
_MEASURES: dict[str, dict[str, str]] = {
    "received": {"status": "any", "created_from": "{start}", "created_to": "{end}"},
    "responded": {"status": "any", "responded_from": "{start}", "responded_to": "{end}"},
    "responded_on_time": {
        "status": "any",
        "responded_from": "{start}",
        "responded_to": "{end}",
        "outcome": "responded_on_time",
    },
    "resolved": {"status": "any", "resolved_from": "{start}", "resolved_to": "{end}"},
    "resolved_on_time": {
        "status": "any",
        "resolved_from": "{start}",
        "resolved_to": "{end}",
        "outcome": "on_time",
    },
    "reopened": {
        "status": "any",
        "resolved_from": "{start}",
        "resolved_to": "{end}",
        "outcome": "reopened",
    },
    "first_contact": {
        "status": "any",
        "resolved_from": "{start}",
        "resolved_to": "{end}",
        "outcome": "first_contact",
    },
    "reviews": {"status": "any", "replied_from": "{start}", "replied_to": "{end}"},
    "backlog": {},
    "overdue": {"due": "overdue"},
}
MEASURES = tuple(_MEASURES)


def queue_params(row: MetricRow, measure: str) -> dict[str, str]:
    dates = {"start": row.start.isoformat(), "end": row.end.isoformat()}
    params = dict(row.filters)
    params.update({k: v.format(**dates) for k, v in _MEASURES[measure].items()})
    return params


def queue_links(row: MetricRow) -> dict[str, str]:
    """measure -> the URL of the queue showing the cases behind that figure of `row`."""
    base = reverse("workspace:queue")
    return {measure: f"{base}?{urlencode(queue_params(row, measure))}" for measure in MEASURES}
