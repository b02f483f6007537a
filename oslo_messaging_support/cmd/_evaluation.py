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
"""What a command judged against: the series, the date and why those.

Every command evaluates the policy at one point (a release series and a
date).  :func:`resolve` finds it from ``--release``, ``--date``,
``[oslo_messaging_support] evaluation_release`` or the installed
oslo.messaging, checks that ``--release`` and ``--date`` agree and
suggests the nearest series for a misspelled one.  The
:class:`Evaluated` it returns says, in a line for standard error and in a
field for JSON and YAML, the series, whether it was given or guessed, and
the installed oslo.messaging version.
"""

import argparse
import difflib
import enum

from oslo_messaging_support.engine import support
from oslo_messaging_support.engine import versions
from oslo_messaging_support import exception
from oslo_messaging_support.service import configuration


class Basis(str, enum.Enum):
    """Where the evaluated series came from."""

    RELEASE = '--release'
    DATE = '--date'
    CONFIGURED = configuration.RELEASE_OPTION
    INSTALLED = 'the installed oslo.messaging'
    FALLBACK = 'the command'
    ARGUMENT = 'the release argument of the upgrade check'


class InputError(exception.SupportPolicyError):
    """``--release`` or ``--date`` that cannot be evaluated at."""


def release_argument(value):
    """argparse ``type`` of ``--release``: a non-empty series reference."""
    if not value.strip():
        raise argparse.ArgumentTypeError(
            "empty series: give a name such as 'epoxy' or an id such as "
            "'2025.1', or leave --release out to evaluate at the series "
            "of the installed oslo.messaging")
    return value.strip()


def _installed_version():
    try:
        return versions.installed_oslo_messaging_version()
    except Exception:  # an oslo.messaging without metadata
        return None


def _mapping(policy):
    version = _installed_version()
    if version is None:
        return None
    try:
        return policy.calendar.map_version(version)
    except exception.CalendarError:
        return None


def default_release_help():
    """The resolved default of ``--release``, for ``--help``."""
    policy = support.POLICY
    mapping = _mapping(policy)
    if mapping is None:
        return 'the series of the installed oslo.messaging (unknown here)'
    return ('%s, the series of the installed oslo.messaging %s%s'
            % (mapping.series.long_label, mapping.version,
               '' if mapping.exact else ' (guessed: the calendar does not '
                                        'list that version)'))


def nearest_series(calendar, ref):
    """`` (did you mean 'epoxy'?)`` for a misspelled series, or ``''``."""
    keys = []
    for series in calendar.series:
        keys.extend(key for key in (series.name, series.id) if key)
    found = difflib.get_close_matches(str(ref).strip().lower(), keys, n=1)
    return " (did you mean '%s'?)" % found[0] if found else ''


def _series(policy, release, what):
    try:
        return policy.calendar.get(release)
    except exception.CalendarError as error:
        # the error quotes the value, as a bounded excerpt
        raise InputError('%s: %s%s' % (
            what, error, nearest_series(policy.calendar, release))) from None


def _check_agree(policy, series, day):
    """``--release`` and ``--date`` must not contradict each other."""
    if series.index == 0:
        return
    previous = policy.calendar.at(series.index - 1)
    if day <= previous.release_date:
        raise InputError(
            '--release %s and --date %s contradict each other: %s was not '
            'under development yet on that date (its cycle began after %s '
            'was released on %s%s); give one of them, or a date after that'
            % (series.label, day.isoformat(), series.label, previous.label,
               previous.release_date.isoformat(),
               ', an estimate' if previous.estimated else ''))


class Evaluated:
    """The point a command judged at, and how it was chosen.

    :ivar point: the :class:`~oslo_messaging_support.EvaluationPoint`
    :ivar basis: the :class:`Basis`
    :ivar version: the installed oslo.messaging version, or ``None``
    :ivar installed_series: the series of the installed oslo.messaging,
        or ``None`` where it cannot be told
    :ivar floor: ``True`` when the decisions also take the installed
        series into account, as a running service does
    :ivar fallback: what chose the point for :attr:`Basis.FALLBACK`
    """

    def __init__(self, point, basis, version, installed_series,
                 floor=False, fallback=None):
        self.point = point
        self.basis = Basis(basis)
        self.version = version
        self.installed_series = installed_series
        self.floor = floor
        self.fallback = fallback

    @property
    def given(self):
        """The point the policy is asked about, ``None`` for the default.

        ``None`` when the series is the installed oslo.messaging's: a
        running service then needs no second decision.
        """
        return None if self.basis is Basis.INSTALLED else self.point

    @property
    def guessed(self):
        """Whether the series is a guess from an unlisted version."""
        return self.basis is Basis.INSTALLED and self.point.guessed

    def _how(self):
        if self.basis is Basis.INSTALLED:
            mapping = self.point.mapping
            if mapping is not None and not mapping.exact:
                return 'guessed from the installed oslo.messaging %s (%s)' \
                    % (self.version, mapping.rule)
            return 'the series of the installed oslo.messaging %s' % \
                self.version
        if self.basis is Basis.DATE:
            return 'the series under development on %s, given with --date' \
                % self.point.date.isoformat()
        if self.basis is Basis.FALLBACK:
            return self.fallback
        if self.basis is Basis.CONFIGURED:
            return 'given by %s' % self.basis.value
        return 'given with %s' % self.basis.value

    def line(self):
        """The sentence printed on standard error before a table."""
        series = self.point.series
        text = 'Evaluated at %s on %s: %s' % (
            series.long_label, self.point.date.isoformat(), self._how())
        if series.estimated:
            text += ('; %s is past the release calendar, so its release '
                     'date %s is estimated'
                     % (series.label, series.release_date.isoformat()))
        if self.basis is not Basis.INSTALLED:
            installed = (self.installed_series.long_label
                         if self.installed_series is not None else
                         'a series the calendar cannot tell')
            text += '; installed oslo.messaging: %s (%s)' % (
                self.version or 'unknown', installed)
            if self.floor and self.installed_series is not None and \
                    self.installed_series != series:
                text += (', whose decisions a running service also applies'
                         ' (the stricter wins)')
        return text + '.'

    def as_dict(self):
        """The JSON and YAML field."""
        series = self.point.series
        return {
            'Series': series.id or series.name,
            'Series Name': series.name,
            'Date': self.point.date.isoformat(),
            'Estimated': bool(series.estimated),
            'Chosen By': (self.fallback if self.basis is Basis.FALLBACK
                          else self.basis.value),
            'Guessed': self.guessed,
            'Oslo Messaging': self.version,
            'Installed Series': (self.installed_series.id or
                                 self.installed_series.name
                                 if self.installed_series is not None
                                 else None),
        }


def resolve(release=None, date=None, configured_release=None,
            fallback=None, floor=False, release_basis=Basis.RELEASE):
    """The :class:`Evaluated` point of a command.

    :param release: ``--release``, or ``None``
    :param date: ``--date``, or ``None``
    :param configured_release: ``evaluation_release`` of the
        configuration, or ``None``
    :param fallback: ``(point, sentence)`` when the command has its own
        default (audit: the series of its source tree), or ``None``
    :param floor: whether the command's decisions also apply the
        installed series, as a running service's do
    :param release_basis: what gave ``release``
    :raises InputError: an unknown series (with the nearest one), a date
        that does not parse or contradicts ``--release``
    """
    policy = support.POLICY
    mapping = _mapping(policy)
    installed = mapping.series if mapping is not None else None
    version = _installed_version()
    if release is None and configured_release:
        series = _series(policy, configured_release, 'evaluation_release')
        basis = Basis.CONFIGURED
    elif release is not None:
        basis = Basis(release_basis)
        series = _series(policy, release, '--release'
                         if basis is Basis.RELEASE else 'release')
    else:
        series = None
        basis = Basis.DATE if date is not None else Basis.INSTALLED
    try:
        if series is not None:
            point = policy.point(series, date)
            if date is not None:
                _check_agree(policy, series, point.date)
        elif date is None and fallback is not None:
            point, sentence = fallback
            return Evaluated(point, Basis.FALLBACK, version, installed,
                             floor, sentence)
        else:
            point = policy.point(None, date)
    except exception.CalendarError as error:
        raise InputError(str(error)) from None
    return Evaluated(point, basis, version, installed, floor)
