from .pages import dashboard, error_403, error_404, error_500, public_media

__all__ = ["dashboard", "error_403", "error_404", "error_500", "public_media"]
