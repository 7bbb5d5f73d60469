"""The demo network, one module per entity, each built through the apps' services.

Every seed function creates only what is missing, found by a natural key (an e-mail, a name, a title),
and never changes a record that exists, so running `seed_demo` again keeps the edits made since.
Records are created by the same services the pages call, then dated back where the story needs it.
"""
