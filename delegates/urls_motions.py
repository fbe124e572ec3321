"""The delegation's motions actions from its phone."""

urlpatterns: list = []
