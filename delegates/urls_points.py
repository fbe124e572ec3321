"""The delegation's points actions from its phone."""

urlpatterns: list = []
