"""What the engine raises when a step cannot be taken. Each carries a message for the user."""

from typing import Any

from django.utils.translation import gettext_lazy as _


class WorkflowError(Exception):
    """A step was refused; ``message`` says why in the user's language."""

    default_message: Any = _("This step cannot be taken.")

    def __init__(self, message: Any = None) -> None:
        self.message = message if message is not None else self.default_message
        super().__init__(str(self.message))


class TransitionForbidden(WorkflowError):
    default_message = _("You may not take this step on this matter.")


class TransitionConflict(WorkflowError):
    default_message = _(
        "Someone else changed this matter a moment ago, so your step was not taken. "
        "The page now shows its current state; please check it and try again if still needed."
    )


class TransitionInvalid(WorkflowError):
    """The input did not validate; ``form`` holds the bound form with its errors."""

    default_message = _("Please correct the errors below.")

    def __init__(self, form: Any = None, message: Any = None) -> None:
        self.form = form
        super().__init__(message)
