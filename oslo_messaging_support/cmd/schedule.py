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
"""``oslo-messaging-support schedule``: the policy's timeline per series.

With ``--check``, the gate check: exit status 2 (a failure, as ``check``
gives), and one line per problem,
when at the given series a driver is ``overdue`` (a prospective driver past
its deadline that was never declared deprecated) or ``removable``
(deprecated two series ago or more and still shipped); each line names the
decision due.
"""

from oslo_messaging_support.cmd import _common
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import schedule
from oslo_messaging_support.engine import support
from oslo_messaging_support.engine import versions

COLUMNS = ('Series', 'Release Date', 'When', 'Driver', 'Event', 'Detail')
CHECK_COLUMNS = ('Series', 'Driver', 'Problem')

#: Exit status of a failed ``--check``: oslo.upgradecheck's failure.
EXIT_CHECK_FAILED = _common.ExitStatus.FAILURE


def release_date_label(series):
    """``YYYY-MM-DD``, flagged ``(planned)`` or ``(estimated)``."""
    text = series.release_date.isoformat()
    if series.estimated:
        return text + ' (estimated)'
    if series.planned:
        return text + ' (planned)'
    return text


def _when(series, current):
    if series < current:
        return 'past'
    if series > current:
        return 'future'
    return 'current'


def timeline_rows(events, current):
    """One row per :class:`~oslo_messaging_support.engine.schedule.Event`."""
    return [(event.series.long_label, release_date_label(event.series),
             _when(event.series, current), event.driver, event.kind,
             event.detail)
            for event in events]


class Schedule(_common.SupportCommand):
    """Show the deadlines, deprecations and removals of each series.

    Every series with an event, past and future, relative to --release
    (default: the series of the installed oslo.messaging).  With --check,
    fail (exit 2) when at that series a driver is overdue or removable,
    naming the decision due.  The timeline's table leaves the release date
    and the detail to --long; -f json and -f yaml always carry them.
    """

    #: The timeline's release date and detail wait for --long; a problem
    #: of --check is the point of the check and is always shown.
    DEFAULT_COLUMNS = ('Series', 'When', 'Driver', 'Event', 'Problem')

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _common.add_evaluation_arguments(parser)
        parser.add_argument(
            '--manifest-overlay', metavar='FILE',
            help='apply this overlay to the bundled manifest (overrides '
                 '[oslo_messaging_support] manifest_overlay)')
        parser.add_argument(
            '--driver', action='append', default=[], metavar='NAME',
            help='only this driver (repeatable)')
        parser.add_argument(
            '--check', action='store_true',
            help='list what the manifest must still record at --release '
                 'and exit 2 if anything')
        return parser

    def listing(self, parsed_args):
        _, configured = self.configuration(parsed_args)
        evaluated = _common.evaluated(parsed_args, configured)
        policy = support.POLICY
        point = evaluated.point
        series = point.series
        manifest = policy.manifest(parsed_args.manifest_overlay or
                                   configured.overlay)
        _common.check_driver_options(parsed_args.driver, manifest)
        if parsed_args.check:
            return self._check(manifest, policy.calendar, point,
                               parsed_args.driver)._replace(
                                   evaluated=evaluated)
        events = schedule.timeline(manifest, policy.calendar,
                                   parsed_args.driver)
        return _common.Listing(COLUMNS, timeline_rows(events, series),
                               evaluated=evaluated)

    def _check(self, manifest, calendar, point, drivers):
        series = point.series
        problems = schedule.gate_check(manifest, calendar, point)
        if drivers:
            wanted = {manifest.canonical_name(name) for name in drivers}
            problems = [item for item in problems if item.driver in wanted]
        stderr = self._stderr()
        if problems:
            stderr.write(
                'schedule check failed at %s: %d problem(s)\n'
                % (series.long_label, len(problems)))
        else:
            stderr.write(
                'schedule check passed at %s: no driver is overdue or '
                'removable\n'
                % series.long_label)
        note = release_calendar.age_note(
            calendar, versions.installed_oslo_messaging_version())
        if note is not None:
            stderr.write('note: %s\n' % note)
        return _common.Listing(
            CHECK_COLUMNS,
            [(item.series.long_label, item.driver, item.message)
             for item in problems],
            EXIT_CHECK_FAILED if problems else 0)
