"""factory_boy factories for the domain, building valid objects with the fewest arguments: one module
per app that owns the model (``accounts``, ``org``, ``catalogue``); every name is also here, so a test
that builds across apps imports from ``motcua_testing.factories``."""

from motcua_testing.factories.accounts import (
    PASSWORD,
    BusinessFactory,
    CitizenFactory,
    UserFactory,
    hashed_password,
    personal_id_for,
    valid_tax_code,
)
from motcua_testing.factories.catalogue import (
    BIRTH_DATA,
    BIRTH_FORM,
    DocumentFactory,
    FeeFactory,
    FieldFactory,
    ProcedureFactory,
    StepFactory,
)
from motcua_testing.factories.org import AgencyFactory, OfficialFactory, UnitFactory

__all__ = [
    "BIRTH_DATA",
    "BIRTH_FORM",
    "PASSWORD",
    "AgencyFactory",
    "BusinessFactory",
    "CitizenFactory",
    "DocumentFactory",
    "FeeFactory",
    "FieldFactory",
    "OfficialFactory",
    "ProcedureFactory",
    "StepFactory",
    "UnitFactory",
    "UserFactory",
    "hashed_password",
    "personal_id_for",
    "valid_tax_code",
]
