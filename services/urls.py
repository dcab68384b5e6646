from django.urls import path

from . import feedback

app_name = "services"
urlpatterns = [path("", feedback.feedback, name="feedback")]
