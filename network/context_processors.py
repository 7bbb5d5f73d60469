from django.conf import settings


def site(request):
    return {"NETWORK_NAME": settings.NETWORK_NAME, "OPEN_SIGNUP": settings.OPEN_SIGNUP}
