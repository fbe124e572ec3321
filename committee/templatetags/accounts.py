"""The "Demo" notice shown while accounts with the README's published passwords exist."""

from django import template
from django.contrib.auth.models import Group

from committee.services.setup import DEMO_ACCOUNTS_GROUP

register = template.Library()


@register.inclusion_tag("committee/_demo_notice.html")
def demo_notice() -> dict[str, bool]:
    demo = Group.objects.filter(name=DEMO_ACCOUNTS_GROUP, user__isnull=False).exists()
    return {"demo": demo}
