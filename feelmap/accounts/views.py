import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from feelmap.lib.validation import validate

from . import services
from .forms import LoginForm, SignupForm
from .models import ApiToken, Invitation, User
from .schemas import TOKEN_MAX_DAYS, TokenCreate

BACKEND = "django.contrib.auth.backends.ModelBackend"


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
