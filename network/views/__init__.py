from .pages import dashboard, error_403, error_404, error_500

__all__ = ["dashboard", "error_403", "error_404", "error_500"]
