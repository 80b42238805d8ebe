class PrivateByDefaultMiddleware:
    """Pages hold private things: no browser or proxy may keep a copy.

    Static files are served earlier by WhiteNoise with their own long-lived headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        response.setdefault("Permissions-Policy", "geolocation=(), payment=(), usb=()")
        return response
