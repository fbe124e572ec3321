"""The delegation's caucus actions from its phone."""

urlpatterns: list = []
