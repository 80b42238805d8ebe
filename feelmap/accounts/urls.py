from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("welcome/", views.welcome, name="welcome"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/two-step/", views.two_step_verify, name="two_step_verify"),
    path("two-step/", views.two_step, name="two_step"),
    path("two-step/setup/", views.two_step_setup, name="two_step_setup"),
    path("two-step/recovery-codes/", views.two_step_codes, name="two_step_codes"),
    path("two-step/off/", views.two_step_off, name="two_step_off"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("invite/<str:token>/", views.accept_invitation, name="invitation"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<uuid:public_id>/revoke/", views.token_revoke, name="token_revoke"),
]
