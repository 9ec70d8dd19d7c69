"""The URL map: each app brings its own ``urls.py``."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from liaison.accounts import views as account_views
from liaison.core.ratelimits import posted, rate_limited

# Asking for a reset link sends an e-mail: limited per address and per account asked about, so
# nobody floods a mailbox or the mail server from one place or spread over many.
password_reset = rate_limited("accounts.password_reset.ip", "5/h", method="POST")(
    rate_limited(
        "accounts.password_reset.account",
        "5/h",
        key=posted("email", lambda value: value.strip().casefold()),
        method="POST",
    )(auth_views.PasswordResetView.as_view())
)

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="workspace:my-work"), name="home"),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/password_reset/", password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("liaison.workflow.urls")),
    path("notices/", include("liaison.notices.urls")),
    path("orgs/", include("liaison.orgs.urls")),
    path("publicinterest/", include("liaison.publicinterest.urls")),
    path("recommendations/", include("liaison.recommendations.urls")),
    path("lawyers/", include("liaison.lawyers.urls")),
    path("public-notices/", include("liaison.announcements.urls")),
    path("volunteers/", include("liaison.volunteers.urls")),
    path("hearings/", include("liaison.hearings.urls")),
    path("courts/", include("liaison.courts.urls")),
    path("petitions/", include("liaison.petitions.urls")),
    path("agreements/", include("liaison.agreements.urls")),
    path("meetings/", include("liaison.meetings.urls")),
    path("committees/", include("liaison.committees.urls")),
    path("publicity/", include("liaison.publicity.urls")),
    path("disputes/", include("liaison.disputes.urls")),
    path("retrials/", include("liaison.retrials.urls")),
    path("flags/", include("liaison.flags.urls")),
    path("support/", include("liaison.supportprosecution.urls")),
    path("legal-aid/", include("liaison.legalaid.urls")),
    path("identities/", include("liaison.identities.urls")),
    path("", include("liaison.notifications.urls")),
    path("", include("liaison.attachments.urls")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
]

# The project's own error pages, in the reader's language (core/errors.py).
handler400 = "liaison.core.errors.bad_request"
handler403 = "liaison.core.errors.permission_denied"
handler404 = "liaison.core.errors.page_not_found"
handler500 = "liaison.core.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
