import factory

from network.models import Challenge, Reply, Resource

from .members import UserFactory


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Challenge {n}")
    body = "How do we keep our best teachers?"


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    challenge = factory.SubFactory(ChallengeFactory)
    author = factory.SubFactory(UserFactory)
    body = "We raised salaries a little and gave more training."


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    kind = "link"
    title = factory.Sequence(lambda n: f"Resource {n}")
    url = "https://example.org/guide"
