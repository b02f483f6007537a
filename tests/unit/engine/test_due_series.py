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
"""A decision is due in the series under development, never a released one.

At the default point of an installed oslo.messaging 18.3.1 (hibiscus,
released 2026-09-30) on 2026-12-03, ``schedule --check`` and ``audit`` ask
for kafka's deprecation in indri (2027.1), the series then under
development, not in hibiscus.
"""

import datetime
import json

import fixtures

from oslo_messaging_support.cmd import schedule as schedule_command
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import rules
from tests import base

AFTER_HIBISCUS = datetime.date(2026, 12, 3)
DURING_HIBISCUS = datetime.date(2026, 9, 1)


class DueSeriesTest(base.CommandTestCase):

    def at(self, day):
        self.useFixture(fixtures.MonkeyPatch(
            'oslo_messaging_support.engine.rules._today', lambda: day))

    def kafka_problem(self, *argv):
        status, problems, stderr = self.run_json('schedule', '--check',
                                                 *argv)
        self.assertEqual(schedule_command.EXIT_CHECK_FAILED, status, stderr)
        kafka, = [row for row in problems if row['Driver'] == 'kafka']
        return kafka['Problem'], stderr

    def test_default_point_after_the_installed_series_release(self):
        self.at(AFTER_HIBISCUS)
        problem, stderr = self.kafka_problem()
        self.assertIn('schedule check failed at hibiscus (2026.2)', stderr)
        self.assertIn('Decision due: mark it deprecated in indri (2027.1), '
                      'after which its removal is allowed from 2028.1',
                      problem)
        self.assertNotIn('deprecated in hibiscus', problem)

    def test_default_point_during_the_installed_series_cycle(self):
        self.at(DURING_HIBISCUS)
        problem, _ = self.kafka_problem()
        self.assertIn('mark it deprecated in hibiscus (2026.2), after which '
                      'its removal is allowed from 2027.2', problem)

    def test_release_and_date(self):
        problem, _ = self.kafka_problem('--release', 'epoxy', '--date',
                                        '2025-12-03')
        self.assertIn('mark it deprecated in gazpacho (2026.1)', problem)

    def test_audit_at_the_default_point(self):
        self.at(AFTER_HIBISCUS)
        output = self.run_cli('audit', '--driver', 'kafka', '-f', 'json')
        self.assertEqual(0, output.status, output.stderr)
        kafka, = json.loads(output.stdout)
        never, = [item for item in kafka['History']
                  if item['Kind'] == 'never-decided']
        self.assertIn('mark it deprecated in indri (2027.1)',
                      never['Detail'])
        self.assertNotIn('deprecated in hibiscus', never['Detail'])

    def test_development_series(self):
        calendar = release_calendar.bundled_calendar()
        hibiscus = calendar.get('hibiscus')
        for day, expected in ((DURING_HIBISCUS, 'hibiscus'),
                              (hibiscus.release_date, 'hibiscus'),
                              (hibiscus.release_date +
                               datetime.timedelta(days=1), 'indri'),
                              (AFTER_HIBISCUS, 'indri')):
            point = rules.EvaluationPoint(series=hibiscus, date=day)
            self.assertEqual(expected, rules.development_series(
                calendar, point).label, day)
