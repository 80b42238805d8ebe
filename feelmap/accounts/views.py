from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone

from .forms import LoginForm, SignupForm
from .models import Invitation, User

BACKEND = "django.contrib.auth.backends.ModelBackend"


def open_signup_allowed() -> bool:
    return settings.FEELMAP_MODE == "local"


def welcome(request):
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


def accept_invitation(request, token: str):
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
        response = super().form_valid(form)
        messages.success(self.request, "Your password is changed.")
        return response
