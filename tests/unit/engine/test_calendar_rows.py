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
"""The calendar's newest stable releases, and how it tells its own age.

flamingo's last release is 17.1.1 and gazpacho's 17.3.2 (17.3.1 and
17.3.2 are stable/2026.1 releases), each with its source; a service at
one of them maps to its series exactly, so the compiled loads serve it.
When the installed oslo.messaging is newer than every release the
calendar lists, ``schedule --check`` and the upgrade check say so.
"""

from oslo_config import cfg
from oslo_upgradecheck import upgradecheck

from oslo_messaging_support import data as bundled
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support import fixture as support_fixture
from oslo_messaging_support.service import compiled_loads
from oslo_messaging_support import upgradecheck as messaging_check
from tests import base


class NewRowsTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.calendar = release_calendar.bundled_calendar()

    def test_stable_releases_map_exactly(self):
        for version, series in (('17.1.1', 'flamingo'),
                                ('17.3.1', 'gazpacho'),
                                ('17.3.2', 'gazpacho')):
            mapping = self.calendar.map_version(version)
            self.assertEqual((series, True),
                             (mapping.series.label, mapping.exact), version)

    def test_each_row_names_its_source(self):
        data = {entry.get('name'): entry for entry in
                bundled.load_yaml(bundled.CALENDAR)['series']}
        flamingo = data['flamingo']['oslo_messaging']
        self.assertEqual(('17.1.1', '17.1.0'),
                         (str(flamingo['last']), str(flamingo['branch'])))
        self.assertIn('oslo.messaging 17.1.1 sdist', flamingo['source'])
        self.assertIn('Update .gitreview for stable/2025.2',
                      flamingo['source'])
        gazpacho = data['gazpacho']['oslo_messaging']
        self.assertEqual('17.3.2', str(gazpacho['last']))
        self.assertIn('17.3.1 and 17.3.2', gazpacho['source'])
        self.assertIn('stable/2026.1', gazpacho['source'])

    def test_compiled_loads_serve_them(self):
        """A service at gazpacho's pin no longer takes the slow path."""
        for version in ('17.1.1', '17.3.2'):
            self.useFixture(support_fixture.SupportPolicyFixture(
                installed_version=version))
            record = compiled_loads.installed_record()
            self.assertIsNotNone(record, version)
            self.assertIn('rabbit', record)


class AgeTest(base.CommandTestCase):
    """The calendar says when it is older than oslo.messaging."""

    def installed(self, version):
        self.useFixture(support_fixture.SupportPolicyFixture(
            installed_version=version))

    def test_note(self):
        calendar = release_calendar.bundled_calendar()
        self.assertIsNone(release_calendar.age_note(calendar, '18.3.1'))
        self.assertIsNone(release_calendar.age_note(calendar, '17.3.2'))
        note = release_calendar.age_note(calendar, '18.4.0')
        self.assertIn('the installed oslo.messaging 18.4.0 is newer than '
                      'every release the release calendar lists (the newest'
                      ' is 18.3.1, of hibiscus (2026.2)), so its series is a'
                      ' guess', note)

    def test_schedule_check(self):
        output = self.run_cli('schedule', '--check', '--release', 'newton')
        self.assertNotIn('note:', output.stderr)
        self.installed('19.0.0')
        output = self.run_cli('schedule', '--check', '--release', 'newton')
        self.assertEqual(0, output.status, output.stderr)
        self.assertIn('note: the installed oslo.messaging 19.0.0 is newer '
                      'than every release the release calendar lists',
                      output.stderr)

    def conf(self):
        conf = cfg.ConfigOpts()
        conf(args=[], default_config_files=[self.write_file(
            'svc.conf', '[DEFAULT]\ntransport_url = rabbit://h/\n')])
        return conf

    def test_upgrade_check_warns(self):
        result = messaging_check.check_messaging_drivers(None, self.conf())
        self.assertEqual(upgradecheck.Code.SUCCESS, result.code)
        self.installed('18.4.0')
        result = messaging_check.check_messaging_drivers(None, self.conf())
        self.assertEqual(upgradecheck.Code.WARNING, result.code)
        self.assertIn('Note: The installed oslo.messaging 18.4.0 is newer '
                      'than every release the release calendar lists',
                      result.details)
