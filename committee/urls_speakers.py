"""The dais's speakers actions (each a POST to a view that calls one service)."""

urlpatterns: list = []
