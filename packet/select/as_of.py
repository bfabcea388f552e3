"""The one answer to "as of which date?" for a call's date windows, eligibility and recency.

The call's deadline when it has one (a committee reads "the last 5 years" back from
the deadline), else the application's fixed build date, else packet's clock (which
SOURCE_DATE_EPOCH pins). The build, the wizard and `packet rank` all ask here, so an
item the wizard offers is one the build keeps.
"""

from __future__ import annotations

from packet.model.application import Application
from packet.model.call import CallSpec
from packet.model.dates import PartialDate


def build_date(application: Application | None) -> PartialDate:
    """The date printed on the documents: the application's own, else the clock's."""
    if application is not None and application.build_date is not None:
        return application.build_date
    return PartialDate.today()


def as_of_date(call: CallSpec, application: Application | None) -> PartialDate:
    """The date the call's windows count back from."""
    return call.deadline or build_date(application)
