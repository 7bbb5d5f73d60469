"""The layer under every app, knowing none of them.

What every app uses and no app owns: service forms, the per-request loader and cache, pagination,
safe `next` URLs, CSV responses, uploads, Markdown, and template tags for times and status badges.
"""
