"""The delegation's speakers actions from its phone."""

urlpatterns: list = []
