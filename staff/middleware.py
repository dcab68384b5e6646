"""A message after a moderator approves or asks for changes from the dashboard (issue 21).

Wagtail's edit page says what happened after "Zatwierdź"; the dashboard's buttons post to
the workflow action view, which redirects (or tells its script to) without a word, so the
moderator cannot tell whether the click did anything. Wagtail has no hook after a workflow
action, and its signals carry no request, so this middleware looks at the task once the
view has answered: finished by this user during this request means it was this click.
"""

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import TaskState

WORKFLOW_ACTION_VIEWS = {"workflow_action"}


class WorkflowActionMessageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST":  # every public page: nothing to look at
            return self.get_response(request)
        started = timezone.now()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            match is not None
            and match.url_name in WORKFLOW_ACTION_VIEWS
            and response.status_code in (200, 302)
            and "task_state_id" in match.kwargs
        ):
            self.report(request, match.kwargs["task_state_id"], started)
        return response

    @staticmethod
    def report(request, task_state_id, started):
        task_state = (
            TaskState.objects.select_related("revision", "workflow_state")
            .filter(pk=task_state_id, finished_by=request.user, finished_at__gte=started)
            .first()
        )
        if task_state is None:
            return
        title = task_state.revision.object_str if task_state.revision else ""
        if task_state.status == TaskState.STATUS_APPROVED:
            if task_state.workflow_state.status == task_state.workflow_state.STATUS_APPROVED:
                text = _("“%(title)s” is approved and published.")
            else:
                text = _("“%(title)s” is approved; it goes on to the next step.")
            messages.success(request, text % {"title": title})
        elif task_state.status == TaskState.STATUS_REJECTED:
            messages.success(
                request,
                _(
                    "Changes asked for in “%(title)s”: the author sees your comment on the "
                    "dashboard and in the editor."
                )
                % {"title": title},
            )
