"""The dais's points actions (each a POST to a view that calls one service)."""

urlpatterns: list = []
