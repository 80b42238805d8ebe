"""Care pages: thin. Access is decided in access.py, writes in services.py, reads in reads.py."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from feelmap.accounts.http import SignedInRequest
from feelmap.accounts.throttle import client_ip
from feelmap.insights.report import Period
from feelmap.insights.schemas import ReportPeriodIn
from feelmap.lib.validation import validate
from feelmap.safety.nudge import offer_help

from . import assignments, dashboard, guesses, reads, services
from . import report as care_report
from .access import (
    assignment_for_viewer_or_404,
    clinician_link_or_404,
    linked_or_404,
    own_assignment_or_404,
    own_link_or_404,
    own_record_or_404,
    record_or_404,
    shared_or_404,
)
from .feedback import thread
from .flags import FLAGS
from .kinds import COMMENTABLE, JOURNAL_SCOPES, KINDS, allowed_kinds
from .models import AuditEntry, Link
from .schemas import AssignmentIn, CommentIn, EntryShareIn, GrantsIn, JoinIn, StyleIn

COMING = ""  # nothing announced as coming: every part of the issue exists now
STYLES = {"structured": "structured", "exploratory": "exploratory"}


def _index_context(user, page=None, flagged_only: bool = False, **extra) -> dict:
    context = {"available": services.care_available(), "is_clinician": user.is_clinician,
               "people": dashboard.page_of(user, page, flagged_only=flagged_only), "coming": COMING, "kinds": KINDS,
               "flag_legend": list(FLAGS.values()), **extra}
    if user.is_clinician:  # the page shows a clinician only the people who share with them
        return context
    own = list(Link.objects.filter(person=user).select_related("viewer")
               .prefetch_related("grants").order_by("revoked_at", "-created_at"))
    kinds_for = [
        {"link": link, "choices": [{"key": k, "label": v[0], "about": v[1], "on": k in link.kinds}
                                   for k, v in KINDS.items() if k in allowed_kinds(link.role)]}
        for link in own
    ]
    from feelmap.practices.models import PracticePreferences

    style_now = PracticePreferences.for_user(user).style
    styles = [{"link": link, "label": STYLES.get(link.style_set, link.style_set),
               "before": STYLES.get(link.style_before, "exploratory")}
              for link in own if link.style_set and link.style_set == style_now
              and link.revoked_at is None]
    audit = AuditEntry.objects.filter(person=user).order_by("-at", "-id")[:50]
    context.update(own_links=kinds_for, audit=audit, scopes=JOURNAL_SCOPES, styles=styles,
                   suggested=assignments.for_person(user))
    return context


@never_cache
@login_required
def index(request: SignedInRequest) -> HttpResponse:
    """`?flags=new`: only the people with a new safety flag (the link under that box)."""
    flagged_only = request.GET.get("flags") == "new" and request.user.is_clinician
    return render(request, "care/index.html",
                  _index_context(request.user, request.GET.get("page"), flagged_only))


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
    data, errors = validate(GrantsIn, {"kinds": request.POST.getlist("kinds"),
                                       "journal_scope": request.POST.get("journal_scope", "all")})
    if data is None:
        messages.error(request, "That choice could not be saved: " + "; ".join(
            m for ms in errors.values() for m in ms))
        return redirect("care:index")
    try:
        link = services.set_grants(request.user, link, data)
    except services.CareError as exc:
        messages.error(request, str(exc))
        return redirect("care:index")
    shared = ", ".join(
        (KINDS[k][0].lower() + (" (only entries you choose)" if link.journal_scope == "chosen" else ""))
        if k == "journal" else KINDS[k][0].lower() for k in link.kinds) or "nothing"
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


def _person_context(link: Link, **extra) -> dict:
    shared = [{"key": k, "label": KINDS[k][0]} for k in link.kinds]
    today = timezone.localdate()
    context = {"link": link, "shared": shared, "is_clinician": link.role == Link.Role.CLINICIAN,
               "errors": {}, "values": {},
               "report_kinds": [KINDS[k][0] for k in care_report.kinds_used(link.kinds)],
               "start": (today - timedelta(days=89)).isoformat(), "end": today.isoformat(),
               "today": today.isoformat(), **extra}
    if context["is_clinician"]:
        from feelmap.assessments.instruments import KEYS, load_instrument
        from feelmap.practices.models import PracticeKind, PracticePreferences
        from feelmap.saying.scenarios import load_library

        context.update(
            assigned=assignments.for_link(link),
            practices=PracticeKind.choices,
            questionnaires=[(k, load_instrument(k).short_name) for k in KEYS],
            scenarios=[(s.id, s.title) for s in load_library().scenarios],
            style_now=PracticePreferences.for_user(link.person).style,
        )
    return context


@never_cache
@login_required
def shared(request: SignedInRequest, person_id, kind: str) -> HttpResponse:
    link = shared_or_404(request.user, person_id, kind)
    services.record_read(link, kind)
    context = {"link": link, "kind": kind, "label": KINDS[kind][0],
               "commentable": kind in COMMENTABLE, **reads.read(link, kind)}
    return render(request, "care/shared.html", context)


@never_cache
@login_required
def record(request: SignedInRequest, person_id, kind: str, record_id) -> HttpResponse:
    """One shared record with this viewer's conversation about it; POST adds a comment."""
    link, found = record_or_404(request.user, person_id, kind, record_id)
    errors: dict[str, list[str]] = {}
    body = ""
    if request.method == "POST":
        body = request.POST.get("body", "")
        data, errors = validate(CommentIn, {"body": body})
        if data is not None:
            services.comment(link, kind, found.public_id, data)
            messages.success(request, f"Sent. {link.person.shown_name} sees it next to this entry.")
            return redirect("care:record", link.person.public_id, kind, found.public_id)
    else:
        services.record_read(link, kind)
    context = {"link": link, "kind": kind, "label": KINDS[kind][0],
               "row": reads.record_row(kind, found), "comments": thread(link, kind, found.public_id),
               "errors": errors, "body": body}
    return render(request, "care/record.html", context, status=400 if errors else 200)


def _back(request: SignedInRequest, fallback: str = "care:index") -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def reply(request: SignedInRequest, kind: str, record_id, link_id) -> HttpResponse:
    found = own_record_or_404(request.user, kind, record_id)
    link = own_link_or_404(request.user, link_id)
    data, errors = validate(CommentIn, {"body": request.POST.get("body", "")})
    if data is None:
        messages.error(request, "The reply was not sent: " + "; ".join(
            m for ms in errors.values() for m in ms))
        return _back(request)
    try:
        _made, level = services.reply(request.user, link, kind, found.public_id, data)
    except services.CareError as exc:
        messages.error(request, str(exc))
        return _back(request)
    messages.success(request, f"Your reply is sent to {link.viewer.shown_name}.")
    offer_help(request, level)
    return _back(request)


@login_required
@require_POST
def delete_thread(request: SignedInRequest, kind: str, record_id, link_id) -> HttpResponse:
    found = own_record_or_404(request.user, kind, record_id)
    link = own_link_or_404(request.user, link_id)
    services.delete_thread(request.user, link, kind, found.public_id)
    messages.success(request, f"The conversation with {link.viewer.shown_name} about this is deleted.")
    return _back(request)


@login_required
@require_POST
def share_entry(request: SignedInRequest, link_id, record_id) -> HttpResponse:
    found = own_record_or_404(request.user, "journal", record_id)
    link = own_link_or_404(request.user, link_id)
    data, errors = validate(EntryShareIn, {"shared": request.POST.get("shared") == "true"})
    if data is None:  # pragma: no cover - a boolean is always given above
        raise Http404
    try:
        services.share_entry(request.user, link, found, data.shared)
    except services.CareError as exc:
        messages.error(request, str(exc))
        return _back(request)
    name = link.viewer.shown_name
    messages.success(request, f"{name} can now see this entry." if data.shared
                     else f"{name} can no longer see this entry.")
    return _back(request)


@login_required
@require_POST
def assign(request: SignedInRequest, person_id) -> HttpResponse:
    link = clinician_link_or_404(request.user, person_id)
    what = request.POST.get("what", "")
    values = {"what": what, "key": request.POST.get(f"key_{what}", ""),
              "schedule": request.POST.get("schedule", ""),
              "due_on": request.POST.get("due_on", "") or None,
              "note": request.POST.get("note", "")}
    if request.POST.get("starts_on"):
        values["starts_on"] = request.POST["starts_on"]
    data, errors = validate(AssignmentIn, values)
    if data is None:
        return render(request, "care/person.html", _person_context(link, errors=errors, values=values),
                      status=400)
    try:
        made = services.assign(link, data)
    except services.DatesRefused as refused:
        return render(request, "care/person.html",
                      _person_context(link, errors=refused.fields, values=values), status=400)
    messages.success(request, f"Suggested: {assignments.title(made).lower()}. "
                     f"It is in {link.person.shown_name}'s plan for today.")
    return redirect("care:person", link.person.public_id)


@login_required
@require_POST
def end_assignment(request: SignedInRequest, assignment_id) -> HttpResponse:
    link, found = assignment_for_viewer_or_404(request.user, assignment_id)
    services.end_assignment(link, found)
    messages.success(request, "The suggestion is withdrawn.")
    return redirect("care:person", link.person.public_id)


@login_required
@require_POST
def assignment_done(request: SignedInRequest, assignment_id) -> HttpResponse:
    found = own_assignment_or_404(request.user, assignment_id)
    try:
        services.mark_done(request.user, found)
    except services.CareError as exc:
        messages.error(request, str(exc))
        return _back(request)
    messages.success(request, "Marked as done. Well done for making the time.")
    return _back(request)


@login_required
@require_POST
def set_style(request: SignedInRequest, person_id) -> HttpResponse:
    link = clinician_link_or_404(request.user, person_id)
    data, errors = validate(StyleIn, {"style": request.POST.get("style", "")})
    if data is None:
        messages.error(request, "; ".join(m for ms in errors.values() for m in ms))
    else:
        services.set_style(link, data)
        messages.success(request, f"{link.person.shown_name}'s path is now {data.style}. "
                         "They are told you set it and can change it back.")
    return redirect("care:person", link.person.public_id)


@login_required
@require_POST
def undo_style(request: SignedInRequest, link_id) -> HttpResponse:
    link = own_link_or_404(request.user, link_id)
    try:
        style = services.undo_style(request.user, link)
    except services.CareError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Your path is {style} again.")
    return redirect("care:index")


@login_required
@require_POST
def flags_seen(request: SignedInRequest) -> HttpResponse:
    """The list's one form: the button pressed names "<person id>:<flag>"."""
    person_id, _, flag = request.POST.get("flag", "").partition(":")
    return flag_seen(request, person_id, flag)


@login_required
@require_POST
def flag_seen(request: SignedInRequest, person_id, flag: str) -> HttpResponse:
    link = linked_or_404(request.user, person_id)
    if link.role != Link.Role.CLINICIAN or flag not in FLAGS:
        raise Http404
    moment = dashboard.flag_evidence(link, flag)
    if moment is None:
        raise Http404
    services.mark_flag_seen(link, flag, moment)
    messages.success(request, f"Marked as seen: {FLAGS[flag][0].lower()} for {link.person.shown_name}.")
    if request.POST.get("back") == "flags":  # marked on the list of new safety flags
        return redirect(reverse("care:index") + "?flags=new")
    return redirect("care:index")


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
