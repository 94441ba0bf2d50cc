"""E-form data for demo dossiers, taken from each procedure's own schema.

Every property of a demo procedure's e-form schema carries an ``examples`` list
whose first value is a realistic answer. The demo builder fills the forms of the
dossiers it generates from those values, so a schema is its own fixture and the
sample data cannot drift away from the form it belongs to.
"""

from __future__ import annotations

import copy


def sample_form_data(schema: dict) -> dict:
    """The first example of every property that has one.

    A required property without an example is a mistake in the catalogue: the
    form built from the examples would be refused by the portal. It raises
    ``ValueError`` naming the property rather than producing that form.
    """
    data = {}
    for name, spec in (schema.get("properties") or {}).items():
        examples = spec.get("examples") if isinstance(spec, dict) else None
        if isinstance(examples, list) and examples:
            data[name] = copy.deepcopy(examples[0])
    missing = [name for name in schema.get("required", []) if name not in data]
    if missing:
        raise ValueError(f"Biểu mẫu thiếu giá trị mẫu (examples) cho trường bắt buộc: {', '.join(missing)}")
    return data
