import time
import uuid

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from feelmap.lib.validation import validate

from . import services, twofactor
from .forms import LoginForm, SignupForm
from .models import ApiToken, Invitation, User
from .schemas import TOKEN_MAX_DAYS, TokenCreate

BACKEND = "django.contrib.auth.backends.ModelBackend"
# Session key of a sign-in waiting for its second step: who, their session hash (a password
# change in between ends it), when (it lapses after PENDING_SECONDS) and where to go next.
PENDING = "feelmap_two_step_pending"
PENDING_SECONDS = 300


def open_signup_allowed() -> bool:
    return settings.FEELMAP_MODE == "local"


def welcome(request: HttpRequest) -> HttpResponse:
    """First run in local mode: what Feelmap is, and the person's own account."""
    if not open_signup_allowed():
        raise Http404("Sign-up is by invitation here.")
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
        login(request, user, backend=BACKEND)
        messages.success(request, "Welcome. Your account is ready, and it stays on this computer.")
        return redirect("core:home")
    first_run = not User.objects.exists()
    return render(request, "accounts/welcome.html", {"form": form, "first_run": first_run})


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.objects.usable(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # Lock the row so one link can never create two accounts.
            fresh = Invitation.objects.select_for_update().get(pk=invitation.pk)
            if fresh.used_at is not None:
                return render(request, "accounts/invitation_invalid.html", status=404)
            user = form.save(role=fresh.role)
            fresh.used_at, fresh.used_by = timezone.now(), user
            fresh.save(update_fields=["used_at", "used_by"])
        login(request, user, backend=BACKEND)
        return redirect("core:home")
    return render(request, "accounts/invitation.html", {"form": form, "invitation": invitation})


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not twofactor.is_on(user):
            return super().form_valid(form)
        # The password was right; the person is not signed in until the second step passes.
        self.request.session[PENDING] = {
            "user": user.pk, "hash": user.get_session_auth_hash(), "at": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("accounts:two_step_verify")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["expired"] = "expired" in self.request.GET
        context["signup_allowed"] = open_signup_allowed()
        return context


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # Tell the browser to drop anything it kept from the session.
        response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        revoked = services.password_change(form.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, form.user)
        note = " Your API tokens no longer work; make new ones if you need them." if revoked else ""
        messages.success(self.request, "Your password is changed." + note)
        return HttpResponseRedirect(self.get_success_url())


def _signed_in(request: HttpRequest) -> User:
    """The signed-in person (the views below are behind login_required)."""
    assert isinstance(request.user, User)  # nosec B101  # type narrowing only; login_required guards these views
    return request.user


def _tokens_page(request: HttpRequest, *, errors=None, values=None, new_raw: str = "",
                 status: int = 200) -> HttpResponse:
    context = {
        "tokens": ApiToken.objects.filter(user=_signed_in(request)),
        "errors": errors or {},
        "values": values or {},
        "new_raw": new_raw,
        "max_days": TOKEN_MAX_DAYS,
    }
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """See, make and revoke API tokens. A new token is shown once, on the answer to the POST."""
    if request.method == "GET":
        return _tokens_page(request)
    values = {"label": request.POST.get("label", ""), "days": request.POST.get("days", "")}
    data, errors = validate(TokenCreate, values)
    if data is None:
        return _tokens_page(request, errors=errors, values=values, status=422)
    _token, raw = services.token_create(_signed_in(request), data)
    return _tokens_page(request, new_raw=raw)


@login_required
@require_POST
def token_revoke(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    token = services.token_revoke_by_id(public_id, owner=_signed_in(request))
    if token is None:
        raise Http404("No such token.")
    messages.success(request, f"The token “{token.label or 'without a name'}” no longer works.")
    return redirect("accounts:tokens")


# --- two-step sign-in ----------------------------------------------------------------------

def _safe_next(request: HttpRequest, default: str = "core:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


def _pending_user(request: HttpRequest) -> tuple[User | None, dict]:
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return None, {}
    user_pk = pending.get("user")
    user = (User.objects.filter(pk=user_pk, is_active=True).first()
            if isinstance(user_pk, int) else None)
    if (user is None or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS
            or not constant_time_compare(pending.get("hash", ""), user.get_session_auth_hash())):
        del request.session[PENDING]
        return None, {}
    return user, pending


@never_cache
@require_http_methods(["GET", "POST"])
def two_step_verify(request: HttpRequest) -> HttpResponse:
    """Sign-in's second step: a code from the authenticator app, or a recovery code.

    Wrong codes count as failed sign-ins for django-axes (the same limit and pause as wrong
    passwords, per username and address), and the count is only cleared by a full sign-in."""
    user, pending = _pending_user(request)
    if user is None:
        messages.info(request, "Please sign in again: the second step waits for 5 minutes.")
        return redirect("accounts:login")
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        credentials = {"username": user.get_username()}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return render(request, "feelmap/locked_out.html", status=429)
        used = twofactor.check_code(user, request.POST.get("code", "")[:64])
        if used is None:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            errors = {"code": ["That code does not match, or it was already used. Type the 6 "
                               "digits your app shows now, or one of your recovery codes."]}
        else:
            del request.session[PENDING]
            login(request, user, backend=BACKEND)
            if used == "recovery":
                left = twofactor.recovery_codes_left(user)
                messages.warning(request, f"You signed in with a recovery code; it is now used "
                                 f"up. {left} left. You can make new ones on the Two-step "
                                 "sign-in page.")
            return HttpResponseRedirect(pending.get("next") or reverse("core:home"))
    return render(request, "accounts/two_step_verify.html", {"errors": errors},
                  status=400 if errors else 200)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_step_setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: the key as a QR code and as text, then a code to confirm.
    The ten recovery codes are shown once, on the answer to the confirming POST."""
    user = _signed_in(request)
    if twofactor.is_on(user):
        return redirect("accounts:two_step")
    device = twofactor.start_setup(user)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            codes = twofactor.confirm(user, request.POST.get("code", "")[:64])
        except twofactor.TwoStepError as exc:
            errors = {"code": [str(exc)]}
        else:
            return render(request, "accounts/two_step_codes.html",
                          {"codes": codes, "just_on": True, "next": _safe_next(request)})
    uri = twofactor.provisioning_uri(user, device)
    context = {
        # segno draws only paths and a fixed title: no text of anyone's reaches the markup.
        "qr": mark_safe(twofactor.qr_svg(uri)),  # noqa: S308  # nosec B308 B703
        "secret": twofactor.grouped_secret(device.secret),
        "errors": errors,
        "required": twofactor.required_for(user),
        "next": _safe_next(request),
    }
    return render(request, "accounts/two_step_setup.html", context, status=400 if errors else 200)


@never_cache
@login_required
def two_step(request: HttpRequest) -> HttpResponse:
    """Two-step sign-in: on or off, recovery codes left, new codes, turning it off."""
    user = _signed_in(request)
    return render(request, "accounts/two_step.html", {
        "on": twofactor.is_on(user), "required": twofactor.required_for(user),
        "left": twofactor.recovery_codes_left(user), "errors": {},
    })


@never_cache
@login_required
@require_POST
def two_step_codes(request: HttpRequest) -> HttpResponse:
    """Ten new recovery codes, shown once; the old ones stop working."""
    try:
        codes = twofactor.regenerate_recovery_codes(_signed_in(request))
    except twofactor.TwoStepError as exc:
        messages.error(request, str(exc))
        return redirect("accounts:two_step")
    return render(request, "accounts/two_step_codes.html",
                  {"codes": codes, "just_on": False, "next": reverse("accounts:two_step")})


@never_cache
@login_required
@require_POST
def two_step_off(request: HttpRequest) -> HttpResponse:
    user = _signed_in(request)
    try:
        twofactor.turn_off(user, request.POST.get("code", "")[:64])
    except twofactor.TwoStepError as exc:
        return render(request, "accounts/two_step.html", {
            "on": twofactor.is_on(user), "required": twofactor.required_for(user),
            "left": twofactor.recovery_codes_left(user), "errors": {"code": [str(exc)]},
        }, status=400)
    messages.success(request, "Two-step sign-in is off. Your password alone signs you in now.")
    return redirect("accounts:two_step")
