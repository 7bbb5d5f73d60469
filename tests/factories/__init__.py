from .members import PASSWORD, CoordinatorFactory, InvitationFactory, PendingUserFactory, UserFactory

__all__ = ["PASSWORD", "CoordinatorFactory", "InvitationFactory", "PendingUserFactory", "UserFactory"]
