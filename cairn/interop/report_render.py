"""The progress report as a page of its own: HTML for printing, and the PDF."""

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from cairn.accounts.models import User
from cairn.interop.pdf import html_to_pdf
from cairn.interop.report import Report, report_build


def report_from_params(client: User, params: dict[str, Any]) -> Report:
    goals = params.get("goals") or []
    return report_build(
        client=client,
        starts=date.fromisoformat(params["starts"]),
        ends=date.fromisoformat(params["ends"]),
        parts=set(params.get("parts") or []),
        goal_ids={uuid.UUID(g) for g in goals} if goals else None,
        comment=params.get("comment", ""),
    )


def report_document(report: Report) -> str:
    """One self-contained HTML document: its styles inline, its charts embedded."""
    css = (settings.BASE_DIR / "static" / "css" / "report.css").read_text(encoding="utf-8")
    return render_to_string("interop/report_document.html", {"report": report, "css": css})


def report_pdf(client: User, by: User, params: dict[str, Any]) -> bytes:
    return html_to_pdf(report_document(report_from_params(client, params)))
