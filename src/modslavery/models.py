"""
Typed, immutable records of the modslavery data set.

Every record is a frozen, slotted attrs class; collection fields are tuples.
Records refer to each other by string id and are resolved through a
:class:`modslavery.Dataset`. Models know nothing about JSON: parsing lives in
the converter.

Example:
    >>> from modslavery.models import PartialDate
    >>> PartialDate(2013, 4, 24).precision
    <DatePrecision.DAY: 'day'>
    >>> str(PartialDate(2024))
    '2024'

"""

from __future__ import annotations

import enum
import re
from typing import Any, Protocol

import attrs
from attrs import field, frozen

from modslavery._filenames import PLAIN_NAME, is_plain_name
from modslavery._html import HTMLRepr
from modslavery._notebook import DocumentHTML, StatisticHTML
from modslavery.names import MAX_NAME_LENGTH

__all__ = [
    "Ask",
    "Author",
    "Basis",
    "Campaign",
    "DateClaim",
    "DatePrecision",
    "Document",
    "DocumentKind",
    "Entity",
    "EntityKind",
    "Evidence",
    "Exclusion",
    "Geography",
    "Judgement",
    "Measure",
    "Mention",
    "Organisation",
    "PartialDate",
    "Period",
    "Publisher",
    "Qualifier",
    "Signature",
    "Statistic",
    "TitleBasis",
    "Unit",
    "Verdict",
]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")

_id_validator = attrs.validators.matches_re(_ID)

#: The range of SQLite's INTEGER (a signed 64-bit integer): every integer field stays within it, so every
#: export can hold every value the models accept.
_INT64_MIN = -(2**63)
_INT64_MAX = 2**63 - 1


#: Integers longer than this many bits are described by their size: str() of one over 4300 digits raises.
_SHOWN_BITS = 256


def _shown(value: float) -> str:
    if isinstance(value, int) and value.bit_length() > _SHOWN_BITS:
        return f"a {value.bit_length()}-bit integer"
    return repr(value)


def _out_of_range(attribute: attrs.Attribute[Any], value: int) -> ValueError:
    return ValueError(
        f"{attribute.name} must be within {_INT64_MIN}..{_INT64_MAX} (SQLite's integer range), not {_shown(value)}"
    )


def _check_int64(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not _INT64_MIN <= value <= _INT64_MAX:
        raise _out_of_range(attribute, value)


def _at_least(minimum: int) -> Any:
    """A validator of an integer from *minimum* to the largest SQLite holds, in one call (a load makes many)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
        if not minimum <= value <= _INT64_MAX:
            if value < minimum:
                msg = f"'{attribute.name}' must be >= {minimum}: {_shown(value)}"
                raise ValueError(msg)
            raise _out_of_range(attribute, value)

    return check


def _check_number(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    # One range for integers and floats, as a JSON Schema cannot tell 1e30 from 10**30; NaN compares false.
    if not _INT64_MIN <= value <= _INT64_MAX:
        msg = (
            f"{attribute.name} must be a finite number within {_INT64_MIN}..{_INT64_MAX} "
            f"(SQLite's integer range), not {_shown(value)}"
        )
        raise ValueError(msg)


def _check_plain_name(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not is_plain_name(value):
        msg = (
            f"{attribute.name} must be a plain file name (no folder, no '..', no '/', '\\' or ':', "
            f"no control character), not {value!r}"
        )
        raise ValueError(msg)


# Each constrained field is made by one of these, which give its validator and, in the field's metadata,
# the same constraint as a JSON Schema keyword, so the exported schemas restate exactly what is checked.
def _id_field() -> Any:
    return field(validator=_id_validator, metadata={"pattern": _ID.pattern})


def _reference_field() -> Any:
    # An id of another record: a Dataset checks that it resolves, so its shape needs no check of its own.
    return field(metadata={"pattern": _ID.pattern})


def _optional_reference_field() -> Any:
    return field(default=None, metadata={"pattern": _ID.pattern})


def _pattern_field(pattern: re.Pattern[str]) -> Any:
    return field(validator=attrs.validators.matches_re(pattern), metadata={"pattern": pattern.pattern})


def _text_field(min_length: int = 1) -> Any:
    return field(validator=attrs.validators.min_len(min_length), metadata={"min_length": min_length})


def _minimum_field(minimum: int) -> Any:
    return field(validator=_at_least(minimum), metadata={"minimum": minimum, "maximum": _INT64_MAX})


def _int64_field() -> Any:
    return field(validator=_check_int64, metadata={"minimum": _INT64_MIN, "maximum": _INT64_MAX})


def _number_field() -> Any:
    return field(validator=_check_number, metadata={"minimum": _INT64_MIN, "maximum": _INT64_MAX})


def _name_field() -> Any:
    # Names are searched and matched: a bound on their length bounds the work of every lookup.
    return field(
        validator=[attrs.validators.min_len(1), attrs.validators.max_len(MAX_NAME_LENGTH)],
        metadata={"min_length": 1, "max_length": MAX_NAME_LENGTH},
    )


def _names_field() -> Any:
    return field(
        default=(),
        validator=attrs.validators.deep_iterable(attrs.validators.max_len(MAX_NAME_LENGTH)),
        metadata={"item_max_length": MAX_NAME_LENGTH},
    )


def _end_field() -> Any:
    return field(validator=_check_span, metadata={"minimum": 0, "maximum": _INT64_MAX})


def _file_name_field() -> Any:
    return field(validator=_check_plain_name, metadata={"pattern": PLAIN_NAME.pattern})


class _Record:
    """Base of every model: one ``__repr__`` for all, the same text attrs would generate for each class."""

    __slots__ = ()

    def __repr__(self) -> str:
        """``ClassName(field=value, ...)``, leaving out fields declared with ``repr=False``."""
        fields: tuple[attrs.Attribute[object], ...] = self.__attrs_attrs__  # type: ignore[attr-defined]
        shown = ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in fields if a.repr)
        return f"{type(self).__qualname__}({shown})"


class _StrEnum(str, enum.Enum):
    """Base of the closed vocabularies: members compare equal to their values."""

    def __str__(self) -> str:
        return str(self.value)


class Basis(_StrEnum):
    """
    Whether a fact is stated by the source text or inferred from it.

    Example:
        >>> Basis("inferred") is Basis.INFERRED
        True

    """

    STATED = "stated"
    INFERRED = "inferred"


class TitleBasis(_StrEnum):
    """
    Where a title comes from: the source's own headline, or an editorial label.

    Example:
        >>> TitleBasis.EDITORIAL.value
        'editorial'

    """

    STATED = "stated"
    EDITORIAL = "editorial"


class DatePrecision(_StrEnum):
    """
    How precise a :class:`PartialDate` is.

    Example:
        >>> PartialDate(2023).precision is DatePrecision.YEAR
        True

    """

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class DocumentKind(_StrEnum):
    """
    The genre of a source document.

    Example:
        >>> DocumentKind("news_report").name
        'NEWS_REPORT'

    """

    OPINION_ARTICLE = "opinion_article"
    BLOG_POST = "blog_post"
    JOINT_STATEMENT = "joint_statement"
    PLEDGE = "pledge"
    NEWS_REPORT = "news_report"


class Qualifier(_StrEnum):
    """
    How a stated figure relates to the true value.

    ``over 3,800`` is ``MORE_THAN`` 3800, never exactly 3800.

    Example:
        >>> Qualifier("more_than") is Qualifier.MORE_THAN
        True

    """

    EXACT = "exact"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    APPROXIMATELY = "approximately"
    ESTIMATED = "estimated"


class Unit(_StrEnum):
    """
    The unit of a statistic's value.

    Example:
        >>> Unit("GBP").value
        'GBP'

    """

    PEOPLE = "people"
    OFFENCES = "offences"
    COUNTRIES = "countries"
    ORGANISATIONS = "organisations"
    RECOMMENDATIONS = "recommendations"
    GBP = "GBP"
    USD = "USD"
    PERCENT = "percent"
    RANK = "rank"
    HOURS_PER_DAY = "hours_per_day"
    DAYS_PER_WEEK = "days_per_week"


class Geography(_StrEnum):
    """
    The area a statistic refers to.

    Example:
        >>> Geography("england_and_wales").name
        'ENGLAND_AND_WALES'

    """

    WORLDWIDE = "worldwide"
    EUROPE = "europe"
    UNITED_KINGDOM = "united_kingdom"
    ENGLAND_AND_WALES = "england_and_wales"


class EntityKind(_StrEnum):
    """
    What kind of named thing an :class:`Entity` is.

    Example:
        >>> EntityKind("law") is EntityKind.LAW
        True

    """

    PERSON = "person"
    LAW = "law"
    REPORT = "report"
    PROGRAMME = "programme"
    EVENT = "event"


class Verdict(_StrEnum):
    """
    A curated reconciliation decision between organisation names.

    Example:
        >>> Verdict.SAME.value
        'same'

    """

    SAME = "same"
    DIFFERENT = "different"


def _check_month(instance: PartialDate, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and not 1 <= value <= 12:  # noqa: PLR2004
        msg = f"month must be in 1..12, not {value}"
        raise ValueError(msg)


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """Days in a month of the proleptic Gregorian calendar (as :func:`calendar.monthrange`, without its imports)."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS_IN_MONTH[month - 1]  # noqa: PLR2004


def _check_day(instance: PartialDate, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is None:
        return
    if instance.month is None:
        msg = "a day needs a month"
        raise ValueError(msg)
    last = _days_in_month(instance.year, instance.month)
    if not 1 <= value <= last:
        msg = f"day must be in 1..{last} for {instance.year}-{instance.month:02d}, not {value}"
        raise ValueError(msg)


def _none_first(value: int | None) -> int:
    return 0 if value is None else value


@frozen(order=True, repr=False)
class PartialDate(_Record):
    """
    A calendar date known to year, month or day precision.

    In JSON it is an ISO 8601 string of 4, 7 or 10 characters.

    Example:
        >>> d = PartialDate(2013, 4)
        >>> d.precision.value, str(d)
        ('month', '2013-04')

    """

    year: int = field(validator=attrs.validators.and_(attrs.validators.ge(1), attrs.validators.le(9999)))
    # A missing month or day sorts before any known one: 2013 < 2013-01 < 2013-01-01.
    month: int | None = field(default=None, validator=_check_month, order=_none_first)
    day: int | None = field(default=None, validator=_check_day, order=_none_first)

    @property
    def precision(self) -> DatePrecision:
        """
        The finest field that is known.

        Example:
            >>> PartialDate(2024, 4, 10).precision.value
            'day'

        """
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    def __str__(self) -> str:
        """
        The ISO 8601 form at this date's precision.

        Example:
            >>> str(PartialDate(2024, 4, 10))
            '2024-04-10'

        """
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """
        Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises:
            ValueError: the text is not one of those forms or not a real date.

        Example:
            >>> PartialDate.parse("2013-04-24")
            PartialDate(year=2013, month=4, day=24)

        """
        match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", text)
        if match is None:
            msg = f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}"
            raise ValueError(msg)
        year, month, day = match.groups()
        return cls(int(year), None if month is None else int(month), None if day is None else int(day))


def _is_after(start: PartialDate, end: PartialDate) -> bool:
    """Whether *start* is after *end* at the coarser of their precisions (2016-05 is not after 2016)."""
    for first, last in ((start.year, end.year), (start.month, end.month), (start.day, end.day)):
        if first is None or last is None or first != last:
            return first is not None and last is not None and first > last
    return False


class _HasDates(Protocol):
    @property
    def start(self) -> PartialDate | None: ...


def _check_date_order(instance: _HasDates, attribute: attrs.Attribute[Any], value: PartialDate | None) -> None:
    if value is not None and instance.start is not None and _is_after(instance.start, value):
        msg = f"end ({value}) is before start ({instance.start})"
        raise ValueError(msg)


class _HasStart(Protocol):
    @property
    def start(self) -> int: ...


def _check_span(instance: _HasStart, attribute: attrs.Attribute[int], value: int) -> None:
    if not instance.start <= value <= _INT64_MAX:
        if value > _INT64_MAX:
            raise _out_of_range(attribute, value)
        msg = f"end ({_shown(value)}) is before start ({_shown(instance.start)})"
        raise ValueError(msg)


@frozen(kw_only=True, repr=False)
class Evidence(_Record):
    """
    A quotation from a document and where it stands: ``text[start:end] == quote``.

    Example:
        >>> Evidence(quote="Unseen", start=10, end=16).end
        16

    """

    quote: str = _text_field()
    start: int = _minimum_field(0)
    end: int = _end_field()


@frozen(kw_only=True, repr=False)
class DateClaim(_Record):
    """
    When something happened, as stated by a source or inferred from it.

    *start* and *end* bound the date; they are equal when the date is known to
    its precision, and *end* is ``None`` when only a lower bound is known.
    *time* (``HH:MM``) and *timezone* are kept as the text states them.

    Example:
        >>> d = PartialDate(2024, 4, 10)
        >>> claim = DateClaim(start=d, end=d, basis=Basis.STATED)
        >>> claim.is_exact
        True

    """

    start: PartialDate | None
    end: PartialDate | None = field(validator=_check_date_order)
    basis: Basis = field(validator=attrs.validators.instance_of(Basis))
    time: str | None = field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.matches_re(_TIME)),
        metadata={"pattern": _TIME.pattern},
    )
    timezone: str | None = None
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None

    @property
    def is_exact(self) -> bool:
        """
        Whether start and end are the same date.

        Example:
            >>> DateClaim(start=PartialDate(2015), end=None, basis=Basis.INFERRED).is_exact
            False

        """
        return self.start is not None and self.start == self.end


@frozen(kw_only=True, repr=False)
class Period(_Record):
    """
    The time a statistic refers to.

    *label* is the phrase the text uses (``"In 2023"``, ``"in the last 18 months"``);
    *start* and *end* are the resolved bounds, *basis* says whether they are
    stated or inferred (for example counted back from the document's date).

    Example:
        >>> p = Period(label="In 2023", start=PartialDate(2023), end=PartialDate(2023), basis=Basis.STATED)
        >>> p.sort_key
        (2023, 0, 0)

    """

    label: str | None
    start: PartialDate | None
    end: PartialDate | None = field(validator=_check_date_order)
    basis: Basis = field(validator=attrs.validators.instance_of(Basis))
    note: str | None = None

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """
        A key that orders periods by their start (then end), unknowns last.

        Example:
            >>> Period(label=None, start=None, end=None, basis=Basis.INFERRED).sort_key
            (9999, 99, 99)

        """
        date = self.start or self.end
        if date is None:
            return (9999, 99, 99)
        return (date.year, date.month or 0, date.day or 0)


@frozen(kw_only=True, repr=False)
class Author(_Record):
    """
    Who wrote a document, only as far as the text says.

    *name* is ``None`` when the text describes the author without naming them.

    Example:
        >>> Author(name=None, role="victims' minister", basis=Basis.STATED).name is None
        True

    """

    name: str | None
    role: str | None
    basis: Basis = field(validator=attrs.validators.instance_of(Basis))
    organisation_id: str | None = _optional_reference_field()
    evidence: tuple[Evidence, ...] = ()


@frozen(kw_only=True, repr=False)
class Publisher(_Record):
    """
    Where a document appeared, as far as the text itself says.

    Example:
        >>> Publisher(name="Business Standard", basis=Basis.INFERRED).basis.value
        'inferred'

    """

    name: str
    basis: Basis = field(validator=attrs.validators.instance_of(Basis))
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


@frozen(kw_only=True, repr=False)
class Document(DocumentHTML, _Record):
    """
    One source text, kept exactly, with what it states about itself.

    Example:
        >>> import modslavery
        >>> doc = modslavery.load().documents["news-jstac-launch"]
        >>> doc.kind.value, len(doc.sha256)
        ('news_report', 64)

    """

    id: str = _id_field()
    kind: DocumentKind = field(validator=attrs.validators.instance_of(DocumentKind))
    title: str = _text_field()
    title_basis: TitleBasis = field(validator=attrs.validators.instance_of(TitleBasis))
    source_file: str = _file_name_field()
    text: str = field(repr=False)
    sha256: str = _pattern_field(_SHA256)
    title_evidence: Evidence | None = None
    authors: tuple[Author, ...] = ()
    publisher: Publisher | None = None
    published: DateClaim | None = None
    updated: DateClaim | None = None
    notes: tuple[str, ...] = ()


@frozen(kw_only=True, repr=False)
class Measure(HTMLRepr, _Record):
    """
    One entry of the controlled vocabulary of what statistics measure.

    Example:
        >>> import modslavery
        >>> modslavery.load().measures["nrm-referrals"].label
        'Potential victims referred to the National Referral Mechanism'

    """

    id: str = _id_field()
    label: str = _text_field()
    description: str = _text_field()


@frozen(kw_only=True, repr=False)
class Statistic(StatisticHTML, _Record):
    """
    One number-bearing claim, with its exact quote and span in its document.

    Example:
        >>> import modslavery
        >>> ds = modslavery.load()
        >>> s = ds.statistics["pledge-mayoral-2024-s02"]
        >>> s.value, s.unit.value, s.quote == ds.documents[s.document_id].text[s.start : s.end]
        (17004, 'people', True)

    """

    id: str = _id_field()
    document_id: str = _reference_field()
    measure_id: str = _reference_field()
    description: str
    value: int | float = _number_field()
    unit: Unit = field(validator=attrs.validators.instance_of(Unit))
    qualifier: Qualifier = field(validator=attrs.validators.instance_of(Qualifier))
    quote: str = _text_field()
    start: int = _minimum_field(0)
    end: int = _end_field()
    geography: Geography | None = field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Geography))
    )
    period: Period | None = None
    speaker_id: str | None = _optional_reference_field()
    conversion_of_id: str | None = _optional_reference_field()
    note: str | None = None


@frozen(kw_only=True, repr=False)
class Ask(_Record):
    """
    One ask or pledge of a campaign, verbatim, numbered as in the source.

    *number* is ``None`` where the source does not number its asks. An ask
    the text implies without putting it as an ask is ``inferred``, and its
    *note* says why.

    Example:
        >>> import modslavery
        >>> modslavery.load().campaigns["mayoral-pledge-2024"].asks[0].number
        1

    """

    number: int | None = _int64_field()
    heading: str | None
    text: str = _text_field()
    start: int = _minimum_field(0)
    end: int = _end_field()
    basis: Basis = field(default=Basis.STATED, validator=attrs.validators.instance_of(Basis))
    note: str | None = None


@frozen(kw_only=True, repr=False)
class Campaign(HTMLRepr, _Record):
    """
    A campaign with a signatory list: its audience, date, asks and support claim.

    Example:
        >>> import modslavery
        >>> c = modslavery.load().campaigns["mayoral-pledge-2024"]
        >>> c.title
        'Pledge to Prioritise Modern Slavery'

    """

    id: str = _id_field()
    document_id: str = _reference_field()
    title: str
    title_basis: TitleBasis = field(validator=attrs.validators.instance_of(TitleBasis))
    audience: str
    audience_evidence: tuple[Evidence, ...] = _text_field()
    date: DateClaim | None = None
    asks: tuple[Ask, ...] = ()
    support_claim: Evidence | None = None
    support_statistic_id: str | None = _optional_reference_field()
    note: str | None = None


@frozen(kw_only=True, eq=False, repr=False)
class Organisation(HTMLRepr, _Record):
    """
    One organisation, however the sources spell it.

    Organisations compare and hash by *id*, so sets of them behave as sets of
    organisations. *name* is the fullest form the sources give; *acronyms* and
    *aliases* are the other spellings that identify it.

    Example:
        >>> import modslavery
        >>> org = modslavery.load().organisations.lookup("the snowdrop project")
        >>> org.id
        'snowdrop-project'

    """

    id: str = _id_field()
    name: str = _name_field()
    acronyms: tuple[str, ...] = _names_field()
    aliases: tuple[str, ...] = _names_field()
    note: str | None = None

    def __eq__(self, other: object) -> bool:
        """Two organisations are equal when their ids are."""
        if not isinstance(other, Organisation):
            return NotImplemented
        return self.id == other.id

    def __hash__(self) -> int:
        """Hash by id, consistent with equality."""
        return hash(self.id)

    @property
    def names(self) -> tuple[str, ...]:
        """
        The canonical name, then the acronyms, then the aliases.

        Example:
            >>> Organisation(id="flex", name="Focus on Labour Exploitation", acronyms=("FLEX",)).names
            ('Focus on Labour Exploitation', 'FLEX')

        """
        return (self.name, *self.acronyms, *self.aliases)


@frozen(kw_only=True, repr=False)
class Signature(HTMLRepr, _Record):
    """
    One entry of a campaign's signatory list, in source order.

    *name_as_written* keeps the source's spelling (a name wrapped over lines is
    joined with one space); *start*/*end* locate the raw entry in the document.

    Example:
        >>> import modslavery
        >>> sig = modslavery.load().signatures["general-election-statement-01"]
        >>> sig.position, sig.name_as_written
        (1, 'Hope for Justice')

    """

    id: str = _id_field()
    campaign_id: str = _reference_field()
    organisation_id: str = _reference_field()
    position: int = _minimum_field(1)
    name_as_written: str = _text_field()
    start: int = _minimum_field(0)
    end: int = _end_field()


@frozen(kw_only=True, repr=False)
class Entity(HTMLRepr, _Record):
    """
    A named person, law, report, programme or event mentioned in the documents.

    Example:
        >>> import modslavery
        >>> modslavery.load().entities["modern-slavery-act-2015"].kind.value
        'law'

    """

    id: str = _id_field()
    name: str = _name_field()
    kind: EntityKind = field(validator=attrs.validators.instance_of(EntityKind))
    aliases: tuple[str, ...] = _names_field()
    note: str | None = None


@frozen(kw_only=True, repr=False)
class Mention(HTMLRepr, _Record):
    """
    A place where a document names an organisation or an entity, or refers to a person by their office.

    Exactly one of *organisation_id* and *entity_id* is set. A mention by
    office ("the Home Secretary") is ``inferred``: its *evidence* quotes the
    words of the same text that tie the office to the person, and its *note*
    says how.

    Example:
        >>> import modslavery
        >>> ds = modslavery.load()
        >>> m = next(m for m in ds.mentions if m.organisation_id == "unseen")
        >>> m.quote
        'Unseen'

    """

    id: str = _id_field()
    document_id: str = _reference_field()
    quote: str = _text_field()
    start: int = _minimum_field(0)
    end: int = _end_field()
    organisation_id: str | None = _optional_reference_field()
    entity_id: str | None = _optional_reference_field()
    basis: Basis = field(default=Basis.STATED, validator=attrs.validators.instance_of(Basis))
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        """Check that the mention points at exactly one thing, and that an inferred one has its evidence."""
        if (self.organisation_id is None) == (self.entity_id is None):
            msg = "exactly one of organisation_id and entity_id must be set"
            raise ValueError(msg)
        if self.basis is Basis.INFERRED and not self.evidence:
            msg = "an inferred mention needs the evidence that ties its words to what it names"
            raise ValueError(msg)

    @property
    def target_id(self) -> str:
        """
        The id of the organisation or entity mentioned.

        Example:
            >>> Mention(id="m1", document_id="d1", quote="Unseen", start=0, end=6, organisation_id="unseen").target_id
            'unseen'

        """
        return self.organisation_id or self.entity_id or ""


@frozen(kw_only=True, repr=False)
class Judgement(HTMLRepr, _Record):
    """
    A curated decision that names are the same organisation, or different ones.

    Example:
        >>> import modslavery
        >>> j = next(j for j in modslavery.load().judgements if j.verdict is Verdict.DIFFERENT)
        >>> len(j.organisation_ids) >= 2
        True

    """

    id: str = _id_field()
    verdict: Verdict = field(validator=attrs.validators.instance_of(Verdict))
    names: tuple[str, ...] = _text_field(2)
    organisation_ids: tuple[str, ...] = _text_field()
    rationale: str = _text_field()


@frozen(kw_only=True, repr=False)
class Exclusion(HTMLRepr, _Record):
    """
    A reviewed number in a document that is deliberately not a statistic.

    Example:
        >>> import modslavery
        >>> ex = modslavery.load().exclusions["news-jstac-launch-x01"]
        >>> bool(ex.reason)
        True

    """

    id: str = _id_field()
    document_id: str = _reference_field()
    quote: str = _text_field()
    start: int = _minimum_field(0)
    end: int = _end_field()
    reason: str = _text_field()
