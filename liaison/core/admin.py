"""What every admin page of the project shares: typed text is cleaned as on every other form.

The admin builds its forms anew from the models, so the project's form fields
(``core/forms.py``) reach them only through ``formfield_overrides``: a model's free text becomes
a ``VisibleCharField`` (invisible characters removed, limits counted in visible characters and
said in plain words, no ``maxlength`` cutting a paste). A slug keeps Django's own field, whose
pattern already refuses anything but ASCII letters, digits, hyphens and underscores.
``core/tests/test_admin_text.py`` fails on an admin or inline that does not use these bases.
"""

from collections.abc import Mapping
from typing import Any, ClassVar

from django.contrib import admin
from django.contrib.admin import widgets
from django.db import models

from .forms import VisibleCharField

TEXT_OVERRIDES: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {
    models.CharField: {"form_class": VisibleCharField},
    models.TextField: {"form_class": VisibleCharField},
    # The admin picks the first class in a field's MRO that has overrides: a slug is a CharField
    # but keeps Django's own field (see above), with the admin's text widget.
    models.SlugField: {"widget": widgets.AdminTextInputWidget},
}


class TextAdmin:
    """Mixed into a ``ModelAdmin`` or an inline (``admin.ModelAdmin`` merges these overrides
    with its own widgets)."""

    formfield_overrides: ClassVar[Mapping[type[models.Field[Any, Any]], Mapping[str, Any]]] = (
        TEXT_OVERRIDES
    )


class ModelAdmin(TextAdmin, admin.ModelAdmin[Any]):
    pass


class TabularInline(TextAdmin, admin.TabularInline[Any, Any]):
    pass
