"""Your data: download it (JSON, CSV, FHIR, a PDF summary), import a Feelmap file, delete the
account."""

from __future__ import annotations

from datetime import timedelta
from typing import IO, cast

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from feelmap.insights.schemas import ReportPeriodIn
from feelmap.lib.validation import validate

from . import kinds as _kinds  # noqa: F401 - registers today's kinds
from .files import FORMATS, export_to_temp, file_name
from .importing import ImportRefused, import_file, max_import_bytes
from .registry import KINDS
from .schemas import DeleteAccountIn
from .services import delete_account


def _counts(user) -> list[tuple[str, int]]:
    return [(k.label, k.model._default_manager.filter(**{k.owner_field: user.pk}).count())
            for k in KINDS if not k.account]


def _page(request: HttpRequest, *, status: int = 200, **extra) -> HttpResponse:
    context = {"counts": _counts(request.user), "max_mb": max_import_bytes() // (1024 * 1024),
               **_pdf_values(request), **extra}
    return render(request, "portability/data.html", context, status=status)


@login_required
@require_GET
def data(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _pdf_values(request: HttpRequest) -> dict[str, str]:
    today = timezone.localdate()
    return {"pdf_start": request.GET.get("start", (today - timedelta(days=364)).isoformat()),
            "pdf_end": request.GET.get("end", today.isoformat()), "today": today.isoformat()}


@login_required
@require_GET
def download(request: HttpRequest, fmt: str) -> HttpResponseBase:
    if fmt not in FORMATS:
        raise Http404("No such format.")
    start = end = None
    if fmt == "pdf":
        period, errors = validate(ReportPeriodIn, {k: request.GET[k] for k in ("start", "end")
                                                   if request.GET.get(k)})
        if period is None:
            return _page(request, pdf_errors=[m for ms in errors.values() for m in ms],
                         status=422, **_pdf_values(request))
        start, end = period.start, period.end
    handle = export_to_temp(request.user, fmt, start=start, end=end)
    response = FileResponse(handle, as_attachment=True, filename=file_name(request.user, fmt),
                            content_type=FORMATS[fmt][1])
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def import_view(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None:
        return _page(request, import_problems=["Choose a Feelmap .json file to import."],
                     status=422)
    try:
        result = import_file(request.user, cast(IO[bytes], upload))
    except ImportRefused as refused:
        return _page(request, import_problems=refused.problems, status=422)
    kept = sum(result.kept.values())
    text = f"Imported {result.total_added} records."
    if kept:
        text += f" {kept} were already here and were left as they were."
    messages.success(request, text)
    return redirect("portability:index")


@login_required
@require_http_methods(["POST"])
def delete(request: HttpRequest) -> HttpResponse:
    data, errors = validate(DeleteAccountIn, {"confirm": request.POST.get("confirm", "")})
    if data is not None and data.confirm != request.user.get_username():
        errors = {"confirm": ["That is not your username, so nothing was deleted. Type it "
                              "exactly as you sign in with it."]}
    if errors:
        return _page(request, delete_errors=errors.get("confirm", []),
                     confirm_value=request.POST.get("confirm", ""), status=422)
    user = request.user
    logout(request)
    delete_account(user)
    return render(request, "portability/deleted.html")
