# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
"""The OpenStack release calendar and series arithmetic.

Series are ordered by their position in the bundled calendar (austin
first).  Past the last series of the table, series are named by id only
(``2027.2``, ``2028.1``, ...): two a year, and their release dates are
*estimated* as 26 weeks apart after the last known one, the cadence of the
table's recent series.  An estimated date is flagged as such wherever it is
shown.

The calendar ends :data:`MAX_ESTIMATED_SERIES` series past its table (about
fifty years): a series or date beyond that raises :class:`CalendarError`
instead of being estimated.

oslo.messaging versions map to a series by this rule
(:meth:`Calendar.map_version`):

* a version within the first and last release the table lists for a series
  belongs to that series: the mapping is *exact*;
* an older version not listed (a stable release the table does not name)
  belongs to the series with the greatest first release at or below it,
  compared on ``major.minor``: a *guess*;
* a version newer than every release of the table is a *guess* too: if
  the newest series with releases has a recorded branch point (the release
  its stable branch was cut at) and the version has the branch point's
  ``major.minor``, it is a stable release of that series; any other newer
  version belongs to the series after it.  When the newest series has no
  branch point yet, a newer version is still one of its releases.

For example 18.3.1 is listed for hibiscus (2026.2), whose stable branch was
cut at 18.3.0: it maps to hibiscus, exactly; 18.3.2 would map to hibiscus
and 18.4.0 or 19.0.0 to indri (2027.1), both guessed.  A guess can be
settled by naming the series (``evaluation_release`` or ``--release``).
"""

import datetime
import functools
import re
import threading

from oslo_messaging_support import data as bundled
from oslo_messaging_support.engine import records
from oslo_messaging_support.engine import versions
from oslo_messaging_support import exception

#: Weeks between two series' releases past the end of the table.
CADENCE_WEEKS = 26
#: How many series past the end of the table can be estimated.
MAX_ESTIMATED_SERIES = 100

# Compiled on first use (by re's cache): a service start does not need it.
_ID_PATTERN = r'\A(\d{4})\.([12])\Z'


class Series(records.Record):
    """One OpenStack release series.

    :ivar index: position in the calendar, austin is 0
    :ivar name: the series name, or ``None`` past the end of the table
    :ivar id: the ``YYYY.N`` id, or ``None`` (liberty to zed had none)
    :ivar release_date: the GA date (:class:`datetime.date`)
    :ivar estimated: ``True`` when the release date is an estimate
    :ivar planned: ``True`` when the release date is a plan, not a fact
    :ivar first_version: the first oslo.messaging release of the series,
        a ``(major, minor, patch)`` tuple, or ``None``
    :ivar last_version: the last one the table lists, or ``None``
    :ivar branch_version: the release its stable branch was cut at, or
        ``None`` where unknown
    """

    __slots__ = ('index', 'name', 'id', 'release_date', 'estimated',
                 'planned', 'first_version', 'last_version', 'branch_version')
    _defaults = {'estimated': False, 'planned': False, 'first_version': None,
                 'last_version': None, 'branch_version': None}
    _uncompared = ('first_version', 'last_version', 'branch_version')

    @property
    def label(self):
        """The series as an operator names it: its name, else its id."""
        return self.name or self.id

    @property
    def long_label(self):
        """Name and id together where both exist, ``dalmatian (2024.2)``."""
        if self.name and self.id:
            return '%s (%s)' % (self.name, self.id)
        return self.label

    def __str__(self):
        return self.label

    def __lt__(self, other):
        return self.index < other.index

    def __le__(self, other):
        return self.index <= other.index

    def __gt__(self, other):
        return self.index > other.index

    def __ge__(self, other):
        return self.index >= other.index


class PolicyStart(records.Record):
    """When the "Supported Messaging Drivers" policy took effect.

    :ivar series: the :class:`Series` whose cycle it took effect in
    :ivar date: the day it took effect (:class:`datetime.date`)
    :ivar source: where that comes from
    """

    __slots__ = ('series', 'date', 'source')


class VersionSeries(records.Record):
    """The series of an oslo.messaging version, and how sure that is.

    :ivar version: the version as given
    :ivar series: the :class:`Series`
    :ivar exact: ``True`` when the table lists the version's series;
        ``False`` when the mapping is a guess by the documented rule
    :ivar rule: one sentence saying how the series was found
    """

    __slots__ = ('version', 'series', 'exact', 'rule')


#: Read a version into ``(major, minor, patch)`` (see :mod:`.versions`).
parse_version = versions.parse_version


def parse_date(value, what='date'):
    """Turn a ``YYYY-MM-DD`` string (or a date) into a :class:`date`.

    :param what: what the value is, for the error message
    :raises CalendarError: the value is not a date
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise exception.CalendarError(
            "%s '%s' is not a date (expected YYYY-MM-DD)"
            % (what, _excerpt(value))) from None


def _excerpt(value):
    # Imported here: a service that reads no file never loads bounded.
    return exception.excerpt(value)


def add_months(day, months):
    """``day`` plus a number of calendar months, clamped to month end."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    for last_day in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month,
                               day=min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError('unreachable')  # pragma: no cover


class Calendar:
    """The ordered list of release series, with arithmetic past its end.

    :param series: the :class:`Series` of the table, oldest first
    :param policy: the recorded :class:`PolicyStart`, or ``None``
    """

    def __init__(self, series, policy=None):
        self._table = tuple(series)
        #: The recorded :class:`PolicyStart`, or ``None``.
        self.policy = policy
        self._by_key = {}
        for item in self._table:
            for key in (item.name, item.id):
                if key:
                    self._by_key[key.lower()] = item
        self._extra = {}
        self._lock = threading.Lock()
        last_id = next(s.id for s in reversed(self._table) if s.id)
        self._last_id = _split_id(last_id)

    @property
    def series(self):
        """The series of the table, oldest first (a tuple)."""
        return self._table

    @property
    def last(self):
        """The newest series of the table."""
        return self._table[-1]

    def at(self, index):
        """The series at ``index``, past the table if need be.

        :raises CalendarError: ``index`` is before the first series
        """
        if index < 0:
            raise exception.CalendarError(
                'there is no series before %s' % self._table[0].label)
        if index >= len(self._table) + MAX_ESTIMATED_SERIES:
            raise exception.CalendarError(
                'that is more than %d series past the end of the release '
                'calendar (%s); no release date can be estimated for it'
                % (MAX_ESTIMATED_SERIES, self.last.long_label))
        if index < len(self._table):
            return self._table[index]
        with self._lock:
            if index not in self._extra:
                self._extra[index] = self._synthesize(index)
            return self._extra[index]

    def _synthesize(self, index):
        steps = index - (len(self._table) - 1)
        year, half = self._last_id
        half_index = year * 2 + (half - 1) + steps
        new_id = '%d.%d' % (half_index // 2, half_index % 2 + 1)
        released = (self.last.release_date +
                    datetime.timedelta(weeks=CADENCE_WEEKS * steps))
        return Series(index=index, name=None, id=new_id,
                      release_date=released, estimated=True)

    def get(self, ref):
        """Look a series up by name or id, any case.

        :param ref: ``'epoxy'``, ``'2025.1'``, ``'2028.1'`` or a
            :class:`Series`
        :returns: the :class:`Series`
        :raises CalendarError: no series has that name or id
        """
        if isinstance(ref, Series):
            return ref
        key = str(ref).strip().lower()
        if key in self._by_key:
            return self._by_key[key]
        parsed = re.match(_ID_PATTERN, key)
        if parsed:
            year, half = int(parsed.group(1)), int(parsed.group(2))
            last_year, last_half = self._last_id
            steps = (year * 2 + half) - (last_year * 2 + last_half)
            if 0 < steps < MAX_ESTIMATED_SERIES:
                return self.at(len(self._table) - 1 + steps)
            if steps > 0:
                raise exception.CalendarError(
                    "release series '%s' is more than %d series past the end"
                    " of the release calendar (%s)"
                    % (_excerpt(ref), MAX_ESTIMATED_SERIES,
                       self.last.long_label))
        raise exception.CalendarError(
            "unknown release series '%s' (expected a name such as 'epoxy' "
            "or an id such as '2025.1', from %s on)"
            % (_excerpt(ref), self._table[0].label))

    def offset(self, series, steps):
        """The series ``steps`` after (or before, if negative) ``series``."""
        return self.at(self.get(series).index + steps)

    def under_development(self, day):
        """The series whose development cycle contains ``day``.

        A cycle runs from the day after the previous series' release to
        the series' own release day, inclusive.
        """
        day = parse_date(day)
        limit = self.at(len(self._table) + MAX_ESTIMATED_SERIES - 1)
        if day > limit.release_date:
            raise exception.CalendarError(
                '%s is past the end of the release calendar: the last series'
                ' it can estimate is %s, released about %s'
                % (day.isoformat(), limit.label,
                   limit.release_date.isoformat()))
        index = 0
        while self.at(index).release_date < day:
            index += 1
        return self.at(index)

    def for_version(self, version):
        """The series an oslo.messaging version belongs to.

        See the module documentation for the rule, and
        :meth:`map_version` for whether the answer is a guess.

        :param version: ``'18.3.1'`` or a tuple
        :raises CalendarError: the version is not one, or predates the
            first oslo.messaging release of the calendar
        """
        return self.map_version(version).series

    def map_version(self, version):
        """Map an oslo.messaging version to its series, saying how.

        :param version: ``'18.3.1'`` or a tuple
        :returns: a :class:`VersionSeries`
        :raises CalendarError: the version is not one, or predates the
            first oslo.messaging release of the calendar
        """
        full = (parse_version(version) if isinstance(version, str)
                else (tuple(version) + (0, 0, 0))[:3])
        shown = _fmt_version(version)
        with_versions = [s for s in self._table if s.first_version]
        position = versions.candidate(
            [item.first_version for item in with_versions], full)
        if position is None:
            raise exception.CalendarError(
                'oslo.messaging %s predates the calendar (first release: '
                '%s in %s)' % (_excerpt(shown),
                               _fmt_version(with_versions[0].first_version),
                               with_versions[0].label))
        found = with_versions[position]
        if versions.listed(found.first_version, found.last_version, full):
            return VersionSeries(
                shown, found, True,
                '%s lists oslo.messaging %s to %s'
                % (found.long_label, _fmt_version(found.first_version),
                   _fmt_version(found.last_version)))
        newest = with_versions[-1]
        if found is not newest or full < newest.last_version:
            return VersionSeries(
                shown, found, False,
                'a guess: the calendar does not list %s; %s is the series '
                'with the newest first release at or below it' %
                (shown, found.long_label))
        branch = newest.branch_version
        if branch is None:
            return VersionSeries(
                shown, newest, False,
                'a guess: %s is newer than the calendar, whose newest series'
                ' %s had no stable branch yet' % (shown, newest.long_label))
        if full[:2] == branch[:2]:
            return VersionSeries(
                shown, newest, False,
                'a guess: %s is newer than the calendar and has the '
                'major.minor of %s\'s branch point %s, so it is taken for a'
                ' stable release of it'
                % (shown, newest.long_label, _fmt_version(branch)))
        following = self.at(newest.index + 1)
        return VersionSeries(
            shown, following, False,
            'a guess: %s is newer than the calendar and than %s\'s branch '
            'point %s, so it is taken for a release of the next series'
            % (shown, newest.long_label, _fmt_version(branch)))


def age_note(calendar, version):
    """A sentence when ``version`` is newer than the calendar, else None.

    The calendar is then older than the installed oslo.messaging: the
    series that version maps to is a guess (see :meth:`Calendar.map_version`)
    until a newer oslo.messaging-support lists it.

    :param version: the installed oslo.messaging version string
    """
    try:
        full = parse_version(version)
    except exception.CalendarError:
        return None
    listed = [item for item in calendar.series if item.last_version]
    if not listed:
        return None
    newest = max(listed, key=lambda item: item.last_version)
    if full <= newest.last_version:
        return None
    return ('the installed oslo.messaging %s is newer than every release '
            'the release calendar lists (the newest is %s, of %s), so its '
            'series is a guess: %s' % (
                version, _fmt_version(newest.last_version),
                newest.long_label, calendar.map_version(version).rule))


def _fmt_version(version):
    if isinstance(version, str):
        return version
    return '.'.join(str(part) for part in version)


def _split_id(series_id):
    year, half = series_id.split('.')
    return int(year), int(half)


def _series_from_data(index, entry, path):
    versions = entry.get('oslo_messaging') or {}
    try:
        first = parse_version(versions['first']) if versions else None
        last = parse_version(versions['last']) if versions else None
        branch = (parse_version(versions['branch'])
                  if versions.get('branch') else None)
        released = parse_date(entry['release_date'], 'release_date')
        name = entry.get('name')
        series_id = entry.get('id')
    except (exception.CalendarError, KeyError, TypeError) as exc:
        raise exception.ManifestError(
            'bad series entry: %s' % exc, path=path,
            line=bundled.yaml_line_of(entry)) from None
    return Series(index=index, name=str(name).lower() if name else None,
                  id=str(series_id) if series_id else None,
                  release_date=released,
                  planned=bool(entry.get('planned', False)),
                  first_version=first, last_version=last,
                  branch_version=branch)


def load_calendar(path):
    """Build a :class:`Calendar` from a YAML file such as the bundled one.

    :raises ManifestError: the file is unreadable or malformed
    """
    from oslo_messaging_support.readers import yamlfile
    return calendar_from_data(yamlfile.load_file(path), path)


def calendar_from_data(data, path):
    """Build a :class:`Calendar` from the parsed content of a calendar file.

    :param path: the file it came from, for messages
    :raises ManifestError: the data is malformed
    """
    entries = data.get('series')
    if not isinstance(entries, list) or not entries:
        raise exception.ManifestError("'series' must be a non-empty list",
                                      path=path)
    series = [_series_from_data(i, e, path) for i, e in enumerate(entries)]
    for earlier, later in zip(series, series[1:]):
        if later.release_date <= earlier.release_date:
            raise exception.ManifestError(
                'series %s is released before %s, but listed after it'
                % (later.label, earlier.label), path=path)
    calendar = Calendar(series)
    if data.get('policy') is not None:
        calendar.policy = _policy_from_data(calendar, data['policy'], path)
    return calendar


def _policy_from_data(calendar, entry, path):
    """The :class:`PolicyStart` of a calendar file's ``policy`` mapping.

    Its date must fall in the named series' development cycle.
    """
    def fail(problem):
        raise exception.ManifestError('policy: %s' % problem, path=path,
                                      line=bundled.yaml_line_of(entry))
    if not isinstance(entry, dict) or \
            set(entry) != {'series', 'start', 'source'}:
        fail('must be a mapping of series, start and source')
    try:
        series = calendar.get(entry['series'])
        start = parse_date(entry['start'], 'start')
    except exception.CalendarError as exc:
        fail(str(exc))
    if calendar.under_development(start) != series:
        fail('%s is not in the development cycle of %s'
             % (start.isoformat(), series.label))
    if not isinstance(entry['source'], str) or not entry['source']:
        fail('the policy start needs a source')
    return PolicyStart(series=series, date=start, source=entry['source'])


def bundled_calendar_path():
    """The path of the bundled ``release-calendar.yaml``."""
    return bundled.path(bundled.CALENDAR)


_bundled_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _read_bundled_calendar():
    path = bundled_calendar_path()
    return bundled.build(bundled.CALENDAR,
                         lambda data: calendar_from_data(data, path))


def bundled_calendar():
    """The bundled :class:`Calendar`, read once per process.

    Thread-safe: threads that start together wait for one read instead of
    each reading the file (``lru_cache`` alone does not prevent that).
    """
    with _bundled_lock:
        return _read_bundled_calendar()


bundled_calendar.cache_clear = _read_bundled_calendar.cache_clear
