from django.db import models
from django.utils import timezone


class DemoPart(models.Model):
    """A part of the demo network that has been loaded once (network.demo.PARTS), so a later `make run` adds
    the parts that came with new features to an existing demo and never loads a part twice."""

    name = models.CharField(max_length=60, unique=True)
    loaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.name
