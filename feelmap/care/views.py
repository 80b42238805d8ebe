"""Care pages: thin. Access is decided in access.py, writes in services.py, reads in reads.py."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from feelmap.accounts.http import SignedInRequest
from feelmap.accounts.throttle import client_ip
from feelmap.insights.report import Period
from feelmap.insights.schemas import ReportPeriodIn
from feelmap.lib.validation import validate

from . import guesses, reads, services
from . import report as care_report
from .access import linked_or_404, own_link_or_404, shared_or_404
from .kinds import KINDS, allowed_kinds
from .models import AuditEntry, Link
from .schemas import GrantsIn, JoinIn

COMING = ("Comments on what you share and practices your clinician suggests are coming in a "
          "later version.")


def _index_context(user, **extra) -> dict:
    own = list(Link.objects.filter(person=user).select_related("viewer")
               .prefetch_related("grants").order_by("revoked_at", "-created_at"))
    kinds_for = [
        {"link": link, "choices": [{"key": k, "label": v[0], "about": v[1], "on": k in link.kinds}
                                   for k, v in KINDS.items() if k in allowed_kinds(link.role)]}
        for link in own
    ]
    people = []
    for link in (Link.objects.live().filter(viewer=user).select_related("person")
                 .prefetch_related("grants").order_by("person__username")):
        people.append({"link": link, "last": reads.last_activity(link.person, link.kinds)})
    audit = AuditEntry.objects.filter(person=user).order_by("-at", "-id")[:50]
    return {"available": services.care_available(), "is_clinician": user.is_clinician,
            "own_links": kinds_for, "people": people, "audit": audit, "coming": COMING,
            "kinds": KINDS, **extra}


@never_cache
@login_required
def index(request: SignedInRequest) -> HttpResponse:
    return render(request, "care/index.html", _index_context(request.user))


@never_cache
@login_required
@require_POST
def new_code(request: SignedInRequest) -> HttpResponse:
    if not services.care_available() or request.user.is_clinician:
        raise Http404
    code, raw = services.create_code(request.user)
    return render(request, "care/index.html",
                  _index_context(request.user, new_code=raw, new_code_expires=code.expires_at))


@never_cache
@login_required
def join(request: SignedInRequest) -> HttpResponse:
    if not services.care_available():
        raise Http404
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data, errors = validate(JoinIn, {"code": request.POST.get("code", "")})
        if data is not None:
            try:
                link = guesses.join(request.user, data, client_ip(request))
            except guesses.TooManyGuesses as exc:
                return render(request, "care/join.html", {"errors": {"code": [str(exc)]}},
                              status=429)
            except services.CareError as exc:
                errors = {"code": [str(exc)]}
            else:
                messages.success(request, f"You are linked with {link.person.shown_name}. "
                                 "You will see what they choose to share.")
                return redirect("care:person", link.person.public_id)
    return render(request, "care/join.html", {"errors": errors},
                  status=400 if errors else 200)


@login_required
@require_POST
def grants(request: SignedInRequest, link_id) -> HttpResponse:
    link = own_link_or_404(request.user, link_id)
    data, errors = validate(GrantsIn, {"kinds": request.POST.getlist("kinds")})
    if data is None:
        messages.error(request, "That choice could not be saved: " + "; ".join(
            m for ms in errors.values() for m in ms))
        return redirect("care:index")
    try:
        link = services.set_grants(request.user, link, data)
    except services.CareError as exc:
        messages.error(request, str(exc))
        return redirect("care:index")
    shared = ", ".join(KINDS[k][0].lower() for k in link.kinds) or "nothing"
    messages.success(request, f"Saved. {link.viewer.shown_name} can now see: {shared}.")
    return redirect("care:index")


@login_required
@require_POST
def revoke(request: SignedInRequest, link_id) -> HttpResponse:
    link = own_link_or_404(request.user, link_id)
    services.revoke(request.user, link)
    messages.success(request, f"The link with {link.viewer.shown_name} has ended. "
                     "They can no longer see anything of yours.")
    return redirect("care:index")


@never_cache
@login_required
def person(request: SignedInRequest, person_id) -> HttpResponse:
    link = linked_or_404(request.user, person_id)
    return render(request, "care/person.html", _person_context(link))


def _person_context(link: Link) -> dict:
    today = timezone.localdate()
    return {"link": link, "shared": [{"key": k, "label": KINDS[k][0]} for k in link.kinds],
            "report_kinds": [KINDS[k][0] for k in care_report.kinds_used(link.kinds)],
            "start": (today - timedelta(days=89)).isoformat(), "end": today.isoformat(),
            "today": today.isoformat()}


@never_cache
@login_required
def shared(request: SignedInRequest, person_id, kind: str) -> HttpResponse:
    link = shared_or_404(request.user, person_id, kind)
    services.record_read(link, kind)
    context = {"link": link, "kind": kind, "label": KINDS[kind][0], **reads.read(link.person, kind)}
    return render(request, "care/shared.html", context)


@never_cache
@login_required
def report(request: SignedInRequest, person_id) -> HttpResponse:
    """The PDF progress report of a period: only the sections for kinds the person shares."""
    link = linked_or_404(request.user, person_id)
    kinds = care_report.kinds_used(link.kinds)
    if not kinds:
        raise Http404("Nothing shared that a report could show.")
    for kind in kinds:  # the one access check, per kind the report reads
        link = shared_or_404(request.user, person_id, kind)
    values = {k: request.GET[k] for k in ("start", "end") if request.GET.get(k)}
    period_in, errors = validate(ReportPeriodIn, values)
    if period_in is None:
        return render(request, "care/person.html",
                      {**_person_context(link), "report_errors": [m for ms in errors.values()
                                                                  for m in ms], **values},
                      status=422)
    start, end = period_in.period(timezone.localdate())
    period = Period(start, end)
    services.record_report(link, kinds, f"PDF report, {period.label()}")
    data = care_report.report_pdf(link, period, made_by=f"{request.user.shown_name} "
                                  f"({link.get_role_display().lower()})")
    response = HttpResponse(data, content_type="application/pdf")
    name = f"feelmap-report-{link.person.public_id.hex[:8]}-{start:%Y%m%d}-{end:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
