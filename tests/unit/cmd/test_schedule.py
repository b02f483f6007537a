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
"""``oslo-messaging-support schedule`` and its gate check."""

import json

from oslo_messaging_support.engine import schedule
from oslo_messaging_support.engine import support
from tests.unit.cmd import base

# A distribution's manifest overlay: kafka decided (declared supported
# before its deadline) and a private driver deprecated in flamingo
# (2025.2), so its removal is due in hibiscus (2026.2).
OVERLAY = """
    drivers:
      kafka:
        lifecycle:
          - {series: mitaka, status: prospective, date: 2015-12-01}
          - {series: newton, status: supported}
      mydriver:
        entry_point: mydriver.impl:MyDriver
        usage: [rpc]
        replacement: rabbit
        lifecycle:
          - {series: caracal, status: supported}
          - {series: flamingo, status: deprecated}
    """


def _events(data, driver):
    return [(row['Series'], row['Event']) for row in data
            if row['Driver'] == driver]


class TestTimeline(base.CommandTestCase):
    """The timeline of the bundled manifest."""

    def test_columns(self):
        output = self.run_cli('schedule', '--release', 'epoxy', '--long')
        self.assertEqual(0, output.status)
        header, rows = base.parse_table(output.stdout)
        self.assertEqual(['Series', 'Release Date', 'When', 'Driver',
                          'Event', 'Detail'], header)
        self.assertIn(['epoxy (2025.1)', '2025-04-02', 'current', 'amqp',
                       'removed', 'amqp is removed from oslo.messaging.'],
                      rows)

    def test_amqp(self):
        """Experimental, supported, deprecated, removal allowed, removed."""
        status, data, _ = self.run_json('schedule', '--release', '2024.1',
                                        '--driver', 'amqp')
        self.assertEqual(0, status)
        # amqp predates the policy, so its grace period counts from the
        # first day of the Liberty cycle, a full cycle: its deadline is
        # 2015-11-01, its deprecation was due from Mitaka, and it was
        # declared supported only in Newton.
        self.assertEqual([('juno (2014.2)', 'prospective'),
                          ('mitaka', 'deadline'),
                          ('mitaka', 'deprecation due'),
                          ('newton', 'supported'),
                          ('bobcat (2023.2)', 'deprecated'),
                          ('dalmatian (2024.2)', 'removal allowed'),
                          ('epoxy (2025.1)', 'removed')],
                         _events(data, 'amqp'))
        self.assertEqual(['past'] * 5 + ['future'] * 2,
                         [row['When'] for row in data])
        # juno's row quotes no policy start: there was no policy yet
        self.assertEqual('amqp is declared prospective since 2014-09-04, '
                         'before the support policy existed.',
                         data[0]['Detail'])
        self.assertIn('its grace period counts from then', data[1]['Detail'])
        self.assertIn('removed in epoxy (2025.1)', data[5]['Detail'])

    def test_kafka_prospective_deadline(self):
        """Prospective, deadline, deprecation due; nothing re-tiered."""
        status, data, _ = self.run_json('schedule', '--driver', 'kafka')
        self.assertEqual(0, status)
        # 2015-12-01 is in the mitaka cycle; the first full cycle after it
        # (newton) was released on 2016-10-06, later than six months on.
        self.assertEqual([('mitaka', 'prospective'),
                          ('newton', 'deadline'),
                          ('ocata', 'deprecation due')],
                         _events(data, 'kafka'))
        self.assertIn('2016-10-06', data[1]['Detail'])
        self.assertIn('marked deprecated from ocata', data[2]['Detail'])

    def test_driver_alias(self):
        """kombu names rabbit."""
        status, data, _ = self.run_json('schedule', '--driver', 'kombu')
        self.assertEqual([('icehouse (2014.1)', 'supported')],
                         _events(data, 'rabbit'))
        self.assertEqual(1, len(data))

    def test_future_events_of_an_overlay(self):
        """Events after the evaluated series are listed as future."""
        overlay = self.write_file('overlay.yaml', OVERLAY)
        status, data, _ = self.run_json(
            'schedule', '--manifest-overlay', overlay, '--driver',
            'mydriver', '--release', 'gazpacho')
        self.assertEqual(0, status)
        self.assertEqual(
            [('caracal (2024.1)', 'supported', 'past'),
             ('flamingo (2025.2)', 'deprecated', 'past'),
             ('hibiscus (2026.2)', 'removal allowed', 'future')],
            [(row['Series'], row['Event'], row['When']) for row in data])
        self.assertIn('the manifest records no removal', data[2]['Detail'])

    def test_release_dates_past_the_table_are_estimated(self):
        overlay = self.write_file('overlay.yaml', """
            drivers:
              mydriver:
                entry_point: mydriver.impl:MyDriver
                usage: [rpc]
                lifecycle:
                  - {series: indri, status: deprecated}
            """)
        status, data, _ = self.run_json(
            'schedule', '--manifest-overlay', overlay, '--driver',
            'mydriver')
        self.assertEqual([('indri (2027.1)', '2027-03-24 (planned)'),
                          ('2028.1', '2028-03-22 (estimated)')],
                         [(row['Series'], row['Release Date'])
                          for row in data])


class TestScheduleCheck(base.CommandTestCase):
    """``schedule --check``: the gate check, keyed on series."""

    def test_bundled_manifest_says_why_it_fails(self):
        """kafka's deadline passed without a decision and is not removed."""
        output = self.run_cli('schedule', '--check', '-f', 'json')
        self.assertEqual(2, output.status)
        self.assertIn('schedule check failed at', output.stderr)
        problems = json.loads(output.stdout)
        self.assertEqual(['kafka'], [row['Driver'] for row in problems])
        self.assertIn('kafka is prospective since 2015-12-01 and missed '
                      'its compliance deadline 2016-10-06, so its '
                      'deprecation was due from ocata. Decision due: mark '
                      'it deprecated in ', problems[0]['Problem'])
        self.assertIn('or declare it supported with the evidence',
                      problems[0]['Problem'])

    def test_kafka_overdue_at_hibiscus(self):
        """The decision due names the series checked and series + 2."""
        # on a day of hibiscus's cycle: a decision can still land in it
        status, problems, _ = self.run_json(
            'schedule', '--check', '--release', 'hibiscus', '--date',
            '2026-09-01')
        self.assertEqual(2, status)
        self.assertEqual(['kafka'], [row['Driver'] for row in problems])
        self.assertIn('mark it deprecated in hibiscus (2026.2), after which'
                      ' its removal is allowed from 2027.2',
                      problems[0]['Problem'])

    def test_bundled_manifest_at_dalmatian(self):
        """amqp's removal was due in dalmatian; it went in epoxy."""
        status, problems, _ = self.run_json(
            'schedule', '--check', '--release', '2024.2', '--date',
            '2024-09-01', '--driver', 'amqp')
        self.assertEqual(2, status)
        self.assertEqual(
            [{'Series': 'dalmatian (2024.2)', 'Driver': 'amqp',
              'Problem': 'amqp is deprecated since bobcat (2023.2) and the'
                         ' policy allows its removal from dalmatian '
                         '(2024.2), but oslo.messaging still ships it. '
                         'Decision due: remove it (a removed event in '
                         'dalmatian (2024.2)); or declare it supported '
                         'with the evidence that it meets the policy.'}],
            [{key: value for key, value in row.items()
              if key != 'Evaluated At'} for row in problems])
        self.assertEqual('2024.2', problems[0]['Evaluated At']['Series'])
        status, problems, _ = self.run_json(
            'schedule', '--check', '--release', '2025.1', '--driver',
            'amqp')
        self.assertEqual((0, []), (status, problems))

    def test_bundled_manifest_before_the_deadline(self):
        output = self.run_cli('schedule', '--check', '--release', 'newton')
        self.assertEqual(0, output.status)
        self.assertIn('schedule check passed at newton', output.stderr)

    def test_overlay_removal_due(self):
        """The test manifest fails once mydriver's removal is due."""
        overlay = self.write_file('overlay.yaml', OVERLAY)
        conf = self.write_file('distro.conf', """
            [oslo_messaging_support]
            manifest_overlay = %s
            """ % overlay)
        output = self.run_cli('schedule', '--check', '--config-file',
                              conf, '--release', '2026.1')
        self.assertEqual(0, output.status, output)
        self.assertIn('passed at gazpacho (2026.1)', output.stderr)
        status, problems, _ = self.run_json(
            'schedule', '--check', '--config-file', conf, '--release',
            '2026.2', '--date', '2026-09-01')
        self.assertEqual(2, status)
        self.assertEqual(
            [('mydriver', 'mydriver is deprecated since flamingo (2025.2) '
                          'and the policy allows its removal from hibiscus '
                          '(2026.2), but oslo.messaging still ships it. '
                          'Decision due: remove it (a removed event in '
                          'hibiscus (2026.2)); or declare it supported with'
                          ' the evidence that it meets the policy.')],
            [(row['Driver'], row['Problem']) for row in problems])

    def test_overlay_argument_and_recorded_removal(self):
        """A removed event at the due series passes the check."""
        overlay = self.write_file('overlay.yaml', OVERLAY.rstrip() + """
          - {series: hibiscus, status: removed}
    """)
        status, problems, _ = self.run_json(
            'schedule', '--check', '--manifest-overlay', overlay,
            '--release', '2026.2')
        self.assertEqual((0, []), (status, problems))


class TestGateCheckUnit(base.CommandTestCase):
    """The decision rules of :func:`schedule.gate_check`."""

    def _manifest(self, text):
        path = self.write_file('overlay.yaml', text)
        return support.POLICY.manifest(path)

    def _problems(self, manifest, series):
        calendar = support.POLICY.calendar
        return [(item.driver, item.compliance)
                for item in schedule.gate_check(manifest, calendar,
                                                calendar.get(series))
                if item.driver == 'newdriver']

    def test_prospective_decided_later_than_its_deadline(self):
        """A late decision still clears the check from its series on."""
        manifest = self._manifest("""
            drivers:
              newdriver:
                entry_point: newdriver.impl:Driver
                usage: [rpc]
                lifecycle:
                  - {series: 2025.1, status: prospective, date: 2025-01-10}
                  - {series: 2026.2, status: supported}
            """)
        # 2025-01-10 is in epoxy; flamingo, the first full cycle after
        # it, was released on 2025-10-01: its deprecation is due from
        # gazpacho (2026.1).
        self.assertEqual([], self._problems(manifest, '2025.2'))
        self.assertEqual([('newdriver', 'overdue')],
                         self._problems(manifest, '2026.1'))
        self.assertEqual([], self._problems(manifest, '2026.2'))
